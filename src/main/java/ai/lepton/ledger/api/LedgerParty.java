package ai.lepton.ledger.api;

/**
 * Who acted on the ledger: the project the identity acts for (when its certificate names one and its organisation
 * is trusted for it), its organisation's MSP id and its X.509 identity.
 *
 * @param project the project, or null (the operator, or an identity of another organisation)
 * @param msp the MSP id, e.g. {@code LeptonMSP}
 * @param id {@code x509::<subject DN>::<issuer DN>}
 */
public record LedgerParty(String project, String msp, String id) {
}
