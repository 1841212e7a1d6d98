#!/usr/bin/env bash
# Runs the network's single Raft orderer in the foreground (Ctrl-C stops it): release binary, the release's
# orderer.yaml, and these overrides. No system channel: it joins channels through its admin endpoint (osnadmin).
set -euo pipefail
. "$(dirname "$0")/env.sh"

ORDERER_DIR="${NETWORK_DIR}/crypto-config/ordererOrganizations/lepton.local/orderers/orderer.lepton.local"
export FABRIC_LOGGING_SPEC="${FABRIC_LOGGING_SPEC:-INFO}"
export ORDERER_GENERAL_LISTENADDRESS=127.0.0.1
export ORDERER_GENERAL_LISTENPORT=7050
export ORDERER_GENERAL_LOCALMSPID=OrdererMSP
export ORDERER_GENERAL_LOCALMSPDIR="${ORDERER_DIR}/msp"
export ORDERER_GENERAL_TLS_ENABLED=true
export ORDERER_GENERAL_TLS_PRIVATEKEY="${ORDERER_DIR}/tls/server.key"
export ORDERER_GENERAL_TLS_CERTIFICATE="${ORDERER_DIR}/tls/server.crt"
export ORDERER_GENERAL_TLS_ROOTCAS="${ORDERER_DIR}/tls/ca.crt"
export ORDERER_GENERAL_BOOTSTRAPMETHOD=none
export ORDERER_CHANNELPARTICIPATION_ENABLED=true
export ORDERER_FILELEDGER_LOCATION="${NETWORK_DIR}/data/orderer"
export ORDERER_CONSENSUS_WALDIR="${NETWORK_DIR}/data/orderer/etcdraft/wal"
export ORDERER_CONSENSUS_SNAPDIR="${NETWORK_DIR}/data/orderer/etcdraft/snapshot"
export ORDERER_OPERATIONS_LISTENADDRESS=127.0.0.1:9443
# the admin endpoint without TLS, as in test-network-nano-bash: fine on 127.0.0.1, not beyond
export ORDERER_ADMIN_LISTENADDRESS="${ORDERER_ADMIN_ADDRESS}"
export ORDERER_ADMIN_TLS_ENABLED=false

exec orderer
