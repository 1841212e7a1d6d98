package ai.lepton.ledger.api;

import java.util.List;

/**
 * The result of checking an object as it is stored now against what the ledger holds for it.
 *
 * @param subject the subject within its project
 * @param verified whether every check passed
 * @param currentSha256 the digest of the object as stored now (re-hashed from its bytes)
 * @param anchoredSha256 the digest that was anchored
 * @param receipt the receipt the checks used
 * @param checks each check, in order, with what it found
 */
public record SubjectVerification(String subject, boolean verified, String currentSha256, String anchoredSha256,
        AnchorReceipt receipt, List<Check> checks) {

    /**
     * One check.
     *
     * @param name what was checked: {@code stored-digest}, {@code anchored-digest}, {@code inclusion-proof},
     *     {@code root-on-ledger}
     * @param ok whether it passed
     * @param detail what was found
     */
    public record Check(String name, boolean ok, String detail) {
    }
}
