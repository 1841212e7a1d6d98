#!/usr/bin/env bash
# Deploys Lepton's chaincode as an external service with the Fabric 2 lifecycle:
#   1. package connection.json and metadata.json (type ccaas) as lepton_1.0
#   2. install the package on both peers; the peer prints the package id (label:sha256)
#   3. start each organisation's chaincode service with that id (scripts/chaincode-service.sh, in the background)
#   4. approve the definition for Org1 and Org2, then commit it (both endorse: MAJORITY of two)
#   5. configure governance: the operator's identity makes Org1MSP the MSP trusted for Lepton's attributes
# Needs the network up (network.sh up) and target/lepton-chaincode.jar (or CHAINCODE_RUNTIME=docker and its image).
set -euo pipefail
. "$(dirname "$0")/env.sh"
cd "${NETWORK_DIR}"
mkdir -p build logs data/pids

echo "Packaging ${CHAINCODE_LABEL}"
rm -rf build/package && mkdir -p build/package
cp chaincode/connection.json chaincode/metadata.json build/package/
tar -C build/package -czf build/package/code.tar.gz connection.json
tar -C build/package -czf build/lepton-ccaas.tgz metadata.json code.tar.gz
PACKAGE_ID="$(peer lifecycle chaincode calculatepackageid build/lepton-ccaas.tgz)"
echo "${PACKAGE_ID}" > build/package-id
echo "Package id: ${PACKAGE_ID}"

for org in org1 org2; do
  echo "Installing on peer0.${org}"
  as_identity "${org}"
  peer lifecycle chaincode install build/lepton-ccaas.tgz
done

for org in org1 org2; do
  echo "Starting ${org}'s chaincode service"
  nohup "${NETWORK_DIR}/scripts/chaincode-service.sh" "${org}" "${PACKAGE_ID}" > "logs/chaincode-${org}.log" 2>&1 &
  echo $! > "data/pids/chaincode-${org}.pid"
done
for address in "${ORG1_CHAINCODE_ADDRESS}" "${ORG2_CHAINCODE_ADDRESS}"; do
  host="${address%:*}"; port="${address##*:}"
  for attempt in $(seq 1 60); do
    if (exec 3<>"/dev/tcp/${host}/${port}") 2>/dev/null; then
      break
    fi
    if [ "${attempt}" = 60 ]; then
      echo "no chaincode service on ${address}; see logs/chaincode-*.log" >&2
      exit 1
    fi
    sleep 1
  done
done

for org in org1 org2; do
  echo "Approving for ${org}"
  as_identity "${org}"
  peer lifecycle chaincode approveformyorg -o "${ORDERER_ADDRESS}" --tls --cafile "${ORDERER_CA}" \
    --channelID "${CHANNEL_NAME}" --name "${CHAINCODE_NAME}" --version "${CHAINCODE_VERSION}" \
    --package-id "${PACKAGE_ID}" --sequence "${CHAINCODE_SEQUENCE}"
done

as_identity org1
peer lifecycle chaincode checkcommitreadiness --channelID "${CHANNEL_NAME}" --name "${CHAINCODE_NAME}" \
  --version "${CHAINCODE_VERSION}" --sequence "${CHAINCODE_SEQUENCE}" --output json

echo "Committing the definition"
peer lifecycle chaincode commit -o "${ORDERER_ADDRESS}" --tls --cafile "${ORDERER_CA}" \
  --channelID "${CHANNEL_NAME}" --name "${CHAINCODE_NAME}" --version "${CHAINCODE_VERSION}" \
  --sequence "${CHAINCODE_SEQUENCE}" "${BOTH_PEERS[@]}"
peer lifecycle chaincode querycommitted --channelID "${CHANNEL_NAME}" --name "${CHAINCODE_NAME}"

echo "Configuring governance: Org1MSP asserts Lepton's attributes"
as_identity operator
peer chaincode invoke -o "${ORDERER_ADDRESS}" --tls --cafile "${ORDERER_CA}" -C "${CHANNEL_NAME}" \
  -n "${CHAINCODE_NAME}" "${BOTH_PEERS[@]}" --waitForEvent \
  -c '{"Args":["Governance:configure","[\"Org1MSP\"]"]}'
