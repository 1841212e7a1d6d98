#!/usr/bin/env bash
# Joins the orderer and both peers to channel lepton from its genesis block (channel-artifacts/lepton.block).
set -euo pipefail
. "$(dirname "$0")/env.sh"
cd "${NETWORK_DIR}"

echo "Joining the orderer to ${CHANNEL_NAME}"
osnadmin channel join --channelID "${CHANNEL_NAME}" --config-block "channel-artifacts/${CHANNEL_NAME}.block" \
  -o "${ORDERER_ADMIN_ADDRESS}"

for org in org1 org2; do
  echo "Joining peer0.${org} to ${CHANNEL_NAME}"
  as_identity "${org}"
  # the orderer needs a moment to elect itself Raft leader and serve the block; retry a few times
  for attempt in 1 2 3 4 5; do
    if peer channel join -b "channel-artifacts/${CHANNEL_NAME}.block"; then
      break
    fi
    [ "${attempt}" = 5 ] && exit 1
    sleep 3
  done
done
