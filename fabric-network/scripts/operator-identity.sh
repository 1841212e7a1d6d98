#!/usr/bin/env bash
# Issues a client identity carrying the Fabric CA attribute lepton.role=operator, signed by an organisation's CA as
# cryptogen laid it out, and writes it as a user MSP next to cryptogen's (users/<name>@<domain>/msp).
#
#   scripts/operator-identity.sh crypto-config/peerOrganizations/org1.lepton.local Operator
#
# Fabric CA stores enrolment attributes in the certificate extension 1.2.3.4.5.6.7.8.1, whose value is the raw JSON
# {"attrs":{...}}; the chaincode's ClientIdentity reads them from there. cryptogen cannot write it, so this does with
# openssl. A real deployment enrols the operator with Fabric CA instead:
#   fabric-ca-client register --id.name operator --id.type client --id.attrs 'lepton.role=operator:ecert'
set -euo pipefail

ORG_DIR="$1"                      # e.g. crypto-config/peerOrganizations/org1.lepton.local
NAME="${2:-Operator}"
DEFAULT_ATTRS='{"attrs":{"lepton.role":"operator"}}'
ATTRS="${3:-${DEFAULT_ATTRS}}"

DOMAIN="$(basename "${ORG_DIR}")"
CA_CERT="$(ls "${ORG_DIR}"/ca/*-cert.pem)"
CA_KEY="${ORG_DIR}/ca/priv_sk"
TEMPLATE_MSP="${ORG_DIR}/users/User1@${DOMAIN}/msp"
MSP="${ORG_DIR}/users/${NAME}@${DOMAIN}/msp"
WORK="$(mktemp -d)"
trap 'rm -rf "${WORK}"' EXIT

# key: ECDSA P-256 in PKCS#8, as Fabric's software BCCSP reads keystores
openssl ecparam -name prime256v1 -genkey -noout -out "${WORK}/ec.pem"
openssl pkcs8 -topk8 -nocrypt -in "${WORK}/ec.pem" -out "${WORK}/priv_sk"

# OU=client makes it a client under the organisation's NodeOUs (EnableNodeOUs in crypto-config.yaml)
openssl req -new -key "${WORK}/priv_sk" -out "${WORK}/csr.pem" \
  -subj "/C=US/ST=California/L=San Francisco/OU=client/CN=${NAME}@${DOMAIN}"

ATTRS_HEX="$(printf '%s' "${ATTRS}" | od -An -v -tx1 | tr -d ' \n')"
cat > "${WORK}/ext.cnf" <<EXT
[v3]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
1.2.3.4.5.6.7.8.1 = DER:${ATTRS_HEX}
EXT
openssl x509 -req -in "${WORK}/csr.pem" -CA "${CA_CERT}" -CAkey "${CA_KEY}" -CAcreateserial \
  -CAserial "${WORK}/ca.srl" -days 365 -sha256 -extfile "${WORK}/ext.cnf" -extensions v3 \
  -out "${WORK}/cert.pem" 2>/dev/null

rm -rf "${MSP}"
mkdir -p "$(dirname "${MSP}")"
cp -R "${TEMPLATE_MSP}" "${MSP}"
rm -f "${MSP}"/signcerts/* "${MSP}"/keystore/*
cp "${WORK}/cert.pem" "${MSP}/signcerts/${NAME}@${DOMAIN}-cert.pem"
cp "${WORK}/priv_sk" "${MSP}/keystore/priv_sk"
echo "wrote ${MSP} with attributes ${ATTRS}"
