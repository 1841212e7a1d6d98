#!/usr/bin/env bash
# The local Lepton Fabric network on Fabric's release binaries, in the manner of fabric-samples'
# test-network-nano-bash: one Raft orderer, peer0.org1 and peer0.org2, channel "lepton", and Lepton's chaincode as
# an external service per organisation. Everything listens on 127.0.0.1 and writes under this directory.
#
#   ./network.sh up       generate material (first time), start orderer and peers, create the channel
#   ./network.sh deploy   package, install, start the chaincode services, approve, commit, configure governance
#   ./network.sh smoke    a few transactions (scripts/smoke.sh)
#   ./network.sh down     stop what up and deploy started
#   ./network.sh clean    down, then remove crypto material, blocks, ledgers and logs
#
# Each component can also run in its own terminal: scripts/orderer.sh, scripts/peer.sh org1|org2,
# scripts/chaincode-service.sh org1|org2 <package id>; admin shells: source scripts/admin.sh org1|org2|operator.
set -euo pipefail
cd "$(dirname "$0")"
. scripts/env.sh

start() {
  local name="$1"; shift
  mkdir -p logs data/pids
  nohup "$@" > "logs/${name}.log" 2>&1 &
  echo $! > "data/pids/${name}.pid"
  echo "started ${name} (pid $!, logs/${name}.log)"
}

wait_for() {
  local address="$1" what="$2"
  for _ in $(seq 1 60); do
    if (exec 3<>"/dev/tcp/${address%:*}/${address##*:}") 2>/dev/null; then
      return 0
    fi
    sleep 1
  done
  echo "${what} is not listening on ${address}; see logs/" >&2
  return 1
}

up() {
  local fresh=false
  if [ ! -d crypto-config ] || [ ! -f "channel-artifacts/${CHANNEL_NAME}.block" ]; then
    scripts/generate.sh
    fresh=true
  fi
  start orderer scripts/orderer.sh
  wait_for "${ORDERER_ADDRESS}" orderer
  start peer0.org1 scripts/peer.sh org1
  start peer0.org2 scripts/peer.sh org2
  wait_for "${ORG1_PEER_ADDRESS}" peer0.org1
  wait_for "${ORG2_PEER_ADDRESS}" peer0.org2
  if [ "${fresh}" = true ]; then
    scripts/create-channel.sh
  else
    # the peers restart on their ledgers; only the chaincode services need starting again
    if [ -f build/package-id ]; then
      for org in org1 org2; do
        start "chaincode-${org}" scripts/chaincode-service.sh "${org}" "$(cat build/package-id)"
      done
    fi
  fi
  echo "Network up. Next: ./network.sh deploy (first time), then ./network.sh smoke"
}

down() {
  local pidfile
  for pidfile in data/pids/*.pid; do
    [ -f "${pidfile}" ] || continue
    local pid
    pid="$(cat "${pidfile}")"
    if kill "${pid}" 2>/dev/null; then
      echo "stopped $(basename "${pidfile}" .pid) (pid ${pid})"
    fi
    rm -f "${pidfile}"
  done
  if [ "${CHAINCODE_RUNTIME:-java}" = docker ]; then
    docker rm -f lepton-chaincode-org1 lepton-chaincode-org2 >/dev/null 2>&1 || true
  fi
}

case "${1:-}" in
  up) up ;;
  deploy) scripts/deploy-chaincode.sh ;;
  smoke) scripts/smoke.sh ;;
  down) down ;;
  clean)
    down
    rm -rf crypto-config channel-artifacts data logs build
    ;;
  *)
    sed -n '2,16p' "$0"
    exit 1
    ;;
esac
