package ai.lepton.data.ingest;

import ai.lepton.data.api.ErrorPolicy;
import ai.lepton.data.api.PiiPolicy;

/**
 * Per-upload choices.
 *
 * @param onError what to do with bad cells
 * @param pii what to do with personal data
 * @param piiHashKey HMAC key for {@link PiiPolicy#HASH} (installation-wide)
 */
public record IngestOptions(ErrorPolicy onError, PiiPolicy pii, byte[] piiHashKey) {
}
