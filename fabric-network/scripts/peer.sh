#!/usr/bin/env bash
# Runs one organisation's peer in the foreground (Ctrl-C stops it): `scripts/peer.sh org1` or `scripts/peer.sh org2`.
# Chaincode runs as an external service: the release's ccaas builder claims packages whose metadata.json says
# "ccaas", and CHAINCODE_AS_A_SERVICE_BUILDER_CONFIG tells it this organisation's chaincode address, which it puts
# into connection.json's {{.ccaddress}}. No Docker is involved.
set -euo pipefail
. "$(dirname "$0")/env.sh"

ORG="${1:?usage: peer.sh org1|org2}"
case "${ORG}" in
  org1) MSP=Org1MSP; PORT=7051; CC_PORT=7052; OPS=9444; CC_ADDRESS="${ORG1_CHAINCODE_ADDRESS}" ;;
  org2) MSP=Org2MSP; PORT=9051; CC_PORT=9052; OPS=9445; CC_ADDRESS="${ORG2_CHAINCODE_ADDRESS}" ;;
  *) echo "usage: peer.sh org1|org2" >&2; exit 1 ;;
esac
PEER_DIR="${NETWORK_DIR}/crypto-config/peerOrganizations/${ORG}.lepton.local/peers/peer0.${ORG}.lepton.local"

if [ ! -x "${FABRIC_HOME}/builders/ccaas/bin/detect" ]; then
  echo "${FABRIC_HOME}/builders/ccaas is missing: install-fabric.sh's binary download provides it" >&2
  exit 1
fi

export FABRIC_LOGGING_SPEC="${FABRIC_LOGGING_SPEC:-INFO}"
export CORE_PEER_ID="peer0.${ORG}.lepton.local"
export CORE_PEER_LOCALMSPID="${MSP}"
export CORE_PEER_MSPCONFIGPATH="${PEER_DIR}/msp"
export CORE_PEER_ADDRESS="127.0.0.1:${PORT}"
export CORE_PEER_LISTENADDRESS="127.0.0.1:${PORT}"
export CORE_PEER_CHAINCODEADDRESS="127.0.0.1:${CC_PORT}"
export CORE_PEER_CHAINCODELISTENADDRESS="127.0.0.1:${CC_PORT}"
export CORE_PEER_GOSSIP_BOOTSTRAP="127.0.0.1:${PORT}"
export CORE_PEER_GOSSIP_EXTERNALENDPOINT="127.0.0.1:${PORT}"
export CORE_PEER_TLS_ENABLED=true
export CORE_PEER_TLS_CERT_FILE="${PEER_DIR}/tls/server.crt"
export CORE_PEER_TLS_KEY_FILE="${PEER_DIR}/tls/server.key"
export CORE_PEER_TLS_ROOTCERT_FILE="${PEER_DIR}/tls/ca.crt"
export CORE_PEER_FILESYSTEMPATH="${NETWORK_DIR}/data/peer0.${ORG}"
export CORE_LEDGER_SNAPSHOTS_ROOTDIR="${NETWORK_DIR}/data/peer0.${ORG}/snapshots"
export CORE_OPERATIONS_LISTENADDRESS="127.0.0.1:${OPS}"
export CORE_METRICS_PROVIDER=disabled
# chaincode.externalBuilders as an environment override (a YAML flow sequence), instead of editing core.yaml
export CORE_CHAINCODE_EXTERNALBUILDERS="[{name: ccaas_builder, path: ${FABRIC_HOME}/builders/ccaas, propagateEnvironment: [CHAINCODE_AS_A_SERVICE_BUILDER_CONFIG]}]"
export CHAINCODE_AS_A_SERVICE_BUILDER_CONFIG="{\"ccaddress\":\"${CC_ADDRESS}\"}"

exec peer node start
