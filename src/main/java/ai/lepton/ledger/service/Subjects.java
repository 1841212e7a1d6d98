package ai.lepton.ledger.service;

import ai.lepton.platform.api.ProblemException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Subjects as users name them within a project ({@code dataset:sales/1}, {@code model:churn/3},
 * {@code placement:web/0/2} = the second placement of replica 0 of workload web) and as the ledger names them,
 * with the project first ({@code dataset:acme/sales/1}, the form the Provenance chaincode documents).
 */
final class Subjects {

    static final String DATASET = "dataset";
    static final String MODEL = "model";
    static final String PLACEMENT = "placement";

    /** A subject within a project; a trailing {@code /*} (or a bare {@code /}-ended prefix) selects every version. */
    static final Pattern PROJECT_SUBJECT = Pattern.compile(
            "(dataset|model):[a-z0-9][a-z0-9-]{0,62}/(\\*|[1-9][0-9]{0,9})"
            + "|placement:[a-z0-9][a-z0-9-]{0,62}(/\\*|/(0|[1-9][0-9]{0,5})(/\\*|/[1-9][0-9]{0,9})?)");

    private Subjects() {
    }

    /** Checks a user-supplied subject and says which form it must have. */
    static String validate(String field, String subject) {
        if (subject == null || subject.isBlank()) {
            throw ProblemException.invalid(field, "is required, e.g. dataset:sales/1, model:churn/3 or "
                    + "placement:web/0/1");
        }
        if (!PROJECT_SUBJECT.matcher(subject).matches()) {
            throw ProblemException.invalid(field, "'" + subject + "' is not a subject: use dataset:<name>/<version>, "
                    + "model:<name>/<version> or placement:<workload>/<replica>/<n>, with /* for every version");
        }
        return subject;
    }

    /** Whether a (validated) subject selects many versions. */
    static boolean isPattern(String subject) {
        return subject.endsWith("/*") || (subject.startsWith("placement:") && subject.chars()
                .filter(c -> c == '/').count() == 1);
    }

    /** {@code dataset:sales/1} in project acme is {@code dataset:acme/sales/1} on the ledger. */
    static String toLedger(String project, String subject) {
        int colon = subject.indexOf(':');
        return subject.substring(0, colon + 1) + project + "/" + subject.substring(colon + 1);
    }

    /** The reverse of {@link #toLedger}. */
    static String fromLedger(String ledgerSubject) {
        int colon = ledgerSubject.indexOf(':');
        int slash = ledgerSubject.indexOf('/', colon);
        return ledgerSubject.substring(0, colon + 1) + ledgerSubject.substring(slash + 1);
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
