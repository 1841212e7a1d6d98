#!/usr/bin/env bash
# An admin shell for one organisation, as fabric-samples' test-network-nano-bash has its peer admin scripts: source it,
# then use the peer CLI.
#
#   source scripts/admin.sh org1        # Org1's admin, against peer0.org1 (the operator's organisation)
#   source scripts/admin.sh org2        # Org2's admin, against peer0.org2
#   source scripts/admin.sh operator    # Org1's operator identity (lepton.role=operator), against peer0.org1
#
# Then, for example:
#   peer chaincode query -C lepton -n lepton -c '{"Args":["Governance:config"]}'
#   peer chaincode invoke -o "$ORDERER_ADDRESS" --tls --cafile "$ORDERER_CA" -C lepton -n lepton "${BOTH_PEERS[@]}" \
#     --waitForEvent -c '{"Args":["ComputeLease:get","smoke-lease-1"]}'
. "$(dirname "${BASH_SOURCE[0]}")/env.sh" || return 1
as_identity "${1:?usage: source scripts/admin.sh org1|org2|operator}"
