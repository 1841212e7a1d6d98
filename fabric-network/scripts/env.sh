#!/usr/bin/env bash
# Shared settings of the local Lepton Fabric network, sourced by the other scripts (it ignores arguments; for an admin
# shell source scripts/admin.sh).
#
# Fabric's release binaries (peer, orderer, configtxgen, cryptogen, osnadmin) and its config/ and builders/ccaas come
# from FABRIC_HOME, the directory fabric's install-fabric.sh fills with bin/, config/ and builders/ when run there as
#   ./install-fabric.sh --fabric-version 2.5.10 binary
# (any 2.5.x). Without FABRIC_HOME, the directory above the `peer` found on the PATH is used.

NETWORK_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
REPO_DIR="$(cd "${NETWORK_DIR}/.." && pwd)"

if [ -z "${FABRIC_HOME:-}" ] && command -v peer >/dev/null 2>&1; then
  FABRIC_HOME="$(cd "$(dirname "$(command -v peer)")/.." && pwd)"
fi
if [ -z "${FABRIC_HOME:-}" ] || [ ! -x "${FABRIC_HOME}/bin/peer" ]; then
  echo "Set FABRIC_HOME to the directory holding Fabric's bin/, config/ and builders/ (see fabric-network/README.md)." >&2
  return 1 2>/dev/null || exit 1
fi
export FABRIC_HOME
export PATH="${FABRIC_HOME}/bin:${PATH}"
# peer and orderer read core.yaml / orderer.yaml from the release's config/; every setting that differs is an
# environment override in scripts/orderer.sh and scripts/peer.sh
export FABRIC_CFG_PATH="${FABRIC_HOME}/config"

export CHANNEL_NAME="lepton"
export CHAINCODE_NAME="lepton"
export CHAINCODE_VERSION="1.0"
export CHAINCODE_SEQUENCE="1"
export CHAINCODE_LABEL="lepton_1.0"

CRYPTO="${NETWORK_DIR}/crypto-config"
export ORDERER_ADDRESS="127.0.0.1:7050"
export ORDERER_ADMIN_ADDRESS="127.0.0.1:7053"
export ORDERER_CA="${CRYPTO}/ordererOrganizations/lepton.local/orderers/orderer.lepton.local/tls/ca.crt"
export ORG1_PEER_ADDRESS="127.0.0.1:7051"
export ORG2_PEER_ADDRESS="127.0.0.1:9051"
export ORG1_PEER_TLS_CA="${CRYPTO}/peerOrganizations/org1.lepton.local/peers/peer0.org1.lepton.local/tls/ca.crt"
export ORG2_PEER_TLS_CA="${CRYPTO}/peerOrganizations/org2.lepton.local/peers/peer0.org2.lepton.local/tls/ca.crt"
# where each organisation's chaincode service listens; the peers learn it from connection.json's {{.ccaddress}}
export ORG1_CHAINCODE_ADDRESS="127.0.0.1:9999"
export ORG2_CHAINCODE_ADDRESS="127.0.0.1:9998"

# Both peers, for transactions the channel's MAJORITY endorsement policy needs both organisations to endorse.
BOTH_PEERS=(--peerAddresses "${ORG1_PEER_ADDRESS}" --tlsRootCertFiles "${ORG1_PEER_TLS_CA}"
  --peerAddresses "${ORG2_PEER_ADDRESS}" --tlsRootCertFiles "${ORG2_PEER_TLS_CA}")


# Points the peer CLI at one organisation's peer as one of its identities: org1, org2 or operator.
as_identity() {
  export FABRIC_LOGGING_SPEC=INFO
  export CORE_PEER_TLS_ENABLED=true
  case "$1" in
    org1 | operator)
      export CORE_PEER_LOCALMSPID=Org1MSP
      export CORE_PEER_ADDRESS="${ORG1_PEER_ADDRESS}"
      export CORE_PEER_TLS_ROOTCERT_FILE="${ORG1_PEER_TLS_CA}"
      if [ "$1" = operator ]; then
        export CORE_PEER_MSPCONFIGPATH="${CRYPTO}/peerOrganizations/org1.lepton.local/users/Operator@org1.lepton.local/msp"
      else
        export CORE_PEER_MSPCONFIGPATH="${CRYPTO}/peerOrganizations/org1.lepton.local/users/Admin@org1.lepton.local/msp"
      fi
      ;;
    org2)
      export CORE_PEER_LOCALMSPID=Org2MSP
      export CORE_PEER_ADDRESS="${ORG2_PEER_ADDRESS}"
      export CORE_PEER_TLS_ROOTCERT_FILE="${ORG2_PEER_TLS_CA}"
      export CORE_PEER_MSPCONFIGPATH="${CRYPTO}/peerOrganizations/org2.lepton.local/users/Admin@org2.lepton.local/msp"
      ;;
    *)
      echo "unknown identity '$1' (org1, org2 or operator)" >&2
      return 1
      ;;
  esac
}
