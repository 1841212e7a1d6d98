package ai.lepton.ledger.api;

import java.util.Objects;

/**
 * Who submits a transaction, as a Fabric peer sees it: an MSP id and an X.509 certificate (PEM). The chaincode reads
 * it through {@code ctx.getClientIdentity()}: MSP id, subject and the certificate's attributes.
 *
 * @param mspId the membership service provider that issued the certificate, e.g. {@code LeptonMSP}
 * @param certificatePem the PEM-encoded X.509 certificate
 */
public record LedgerIdentity(String mspId, String certificatePem) {

    public LedgerIdentity {
        Objects.requireNonNull(mspId, "mspId");
        Objects.requireNonNull(certificatePem, "certificatePem");
    }

    @Override
    public String toString() {
        return "LedgerIdentity[" + mspId + ", " + certificatePem.length() + " PEM chars]";
    }
}
