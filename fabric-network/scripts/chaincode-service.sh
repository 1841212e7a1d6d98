#!/usr/bin/env bash
# Runs one organisation's Lepton chaincode service in the foreground: `scripts/chaincode-service.sh org1 <package id>`.
# Each organisation runs its own service, which its peer dials (peer.sh gives the address). By default it runs the
# jar the Maven build made (target/lepton-chaincode.jar, Java 17+); CHAINCODE_RUNTIME=docker runs the image of
# chaincode/Dockerfile instead, on the host's network.
set -euo pipefail
. "$(dirname "$0")/env.sh"

ORG="${1:?usage: chaincode-service.sh org1|org2 <package id>}"
PACKAGE_ID="${2:?usage: chaincode-service.sh org1|org2 <package id>}"
case "${ORG}" in
  org1) ADDRESS="${ORG1_CHAINCODE_ADDRESS}" ;;
  org2) ADDRESS="${ORG2_CHAINCODE_ADDRESS}" ;;
  *) echo "usage: chaincode-service.sh org1|org2 <package id>" >&2; exit 1 ;;
esac

# the shim reads CORE_PEER_TLS_ENABLED for its client mode and would then demand client key files
unset CORE_PEER_TLS_ENABLED CORE_PEER_ADDRESS

case "${CHAINCODE_RUNTIME:-java}" in
  java)
    JAR="${REPO_DIR}/target/lepton-chaincode.jar"
    if [ ! -f "${JAR}" ]; then
      echo "${JAR} is missing: run ./mvnw package -DskipTests in ${REPO_DIR}" >&2
      exit 1
    fi
    CHAINCODE_SERVER_ADDRESS="${ADDRESS}" CORE_CHAINCODE_ID_NAME="${PACKAGE_ID}" exec java -jar "${JAR}"
    ;;
  docker)
    exec docker run --rm --name "lepton-chaincode-${ORG}" --network host \
      -e CHAINCODE_SERVER_ADDRESS="${ADDRESS}" -e CORE_CHAINCODE_ID_NAME="${PACKAGE_ID}" \
      "${CHAINCODE_IMAGE:-lepton/chaincode:0.1.0}"
    ;;
  *)
    echo "CHAINCODE_RUNTIME must be java or docker" >&2
    exit 1
    ;;
esac
