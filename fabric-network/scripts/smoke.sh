#!/usr/bin/env bash
# A few transactions against the deployed chaincode, as the operator and as Org2's admin.
set -euo pipefail
. "$(dirname "$0")/env.sh"
cd "${NETWORK_DIR}"

SUBJECT="dataset:acme/sales/1"
SHA="$(printf 'lepton smoke test' | sha256sum | cut -d' ' -f1)"

as_identity operator
echo "Anchoring ${SUBJECT} as the operator"
peer chaincode invoke -o "${ORDERER_ADDRESS}" --tls --cafile "${ORDERER_CA}" -C "${CHANNEL_NAME}" \
  -n "${CHAINCODE_NAME}" "${BOTH_PEERS[@]}" --waitForEvent \
  -c "{\"Args\":[\"Provenance:anchor\",\"${SUBJECT}\",\"${SHA}\",\"{\\\"rows\\\":3}\"]}"

echo "Reading it back"
peer chaincode query -C "${CHANNEL_NAME}" -n "${CHAINCODE_NAME}" -c "{\"Args\":[\"Provenance:get\",\"${SUBJECT}\"]}"
peer chaincode query -C "${CHANNEL_NAME}" -n "${CHAINCODE_NAME}" \
  -c '{"Args":["Provenance:history","dataset:acme/sales/*"]}'

echo "Org2's admin may not anchor (expect ACCESS_DENIED)"
as_identity org2
if peer chaincode invoke -o "${ORDERER_ADDRESS}" --tls --cafile "${ORDERER_CA}" -C "${CHANNEL_NAME}" \
  -n "${CHAINCODE_NAME}" "${BOTH_PEERS[@]}" \
  -c "{\"Args\":[\"Provenance:anchor\",\"dataset:acme/sales/2\",\"${SHA}\",\"\"]}" 2> logs/smoke-refusal.log; then
  echo "unexpected: Org2's admin anchored" >&2
  exit 1
fi
grep -o 'ACCESS_DENIED[^"]*' logs/smoke-refusal.log | head -1

echo "Org2 offers capacity; Org1's admin accepts it"
peer chaincode invoke -o "${ORDERER_ADDRESS}" --tls --cafile "${ORDERER_CA}" -C "${CHANNEL_NAME}" \
  -n "${CHAINCODE_NAME}" "${BOTH_PEERS[@]}" --waitForEvent \
  -c '{"Args":["ComputeLease:offer","smoke-lease-1","{\"target\":{\"kind\":\"pool\",\"name\":\"gpu-a100\"},\"resources\":{\"gpuMemoryGiB\":80},\"unit\":\"gpu\",\"quantity\":4,\"currency\":\"EUR\",\"pricePerUnitHourMinor\":250,\"periodSeconds\":3600,\"periods\":24,\"availabilityTargetBp\":9950,\"penaltyBpPerBp\":20}"]}'
as_identity org1
peer chaincode invoke -o "${ORDERER_ADDRESS}" --tls --cafile "${ORDERER_CA}" -C "${CHANNEL_NAME}" \
  -n "${CHAINCODE_NAME}" "${BOTH_PEERS[@]}" --waitForEvent -c '{"Args":["ComputeLease:accept","smoke-lease-1"]}'
peer chaincode query -C "${CHANNEL_NAME}" -n "${CHAINCODE_NAME}" -c '{"Args":["ComputeLease:get","smoke-lease-1"]}'
