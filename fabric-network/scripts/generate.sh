#!/usr/bin/env bash
# Generates the network's crypto material (cryptogen), the operator's identity (scripts/operator-identity.sh) and the
# channel's genesis block (configtxgen). Removes the previous network's material and data first.
set -euo pipefail
. "$(dirname "$0")/env.sh"
cd "${NETWORK_DIR}"

rm -rf crypto-config channel-artifacts data logs build

echo "Generating MSP material with cryptogen"
cryptogen generate --config="${NETWORK_DIR}/crypto-config.yaml" --output="${NETWORK_DIR}/crypto-config"

echo "Issuing the operator's identity (lepton.role=operator) from Org1's CA"
"${NETWORK_DIR}/scripts/operator-identity.sh" \
  "${NETWORK_DIR}/crypto-config/peerOrganizations/org1.lepton.local" Operator

echo "Generating the genesis block of channel ${CHANNEL_NAME}"
mkdir -p channel-artifacts
FABRIC_CFG_PATH="${NETWORK_DIR}" configtxgen -profile LeptonChannel \
  -outputBlock "channel-artifacts/${CHANNEL_NAME}.block" -channelID "${CHANNEL_NAME}"
