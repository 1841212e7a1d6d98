package ai.lepton.ledger.embedded;

import ai.lepton.ledger.api.TxStatus;

/** A transaction's validation code as recorded in its block; the numbers are Fabric's {@code TxValidationCode}s. */
enum ValidationCode {
    VALID(0, TxStatus.VALID),
    MVCC_READ_CONFLICT(11, TxStatus.MVCC_READ_CONFLICT),
    PHANTOM_READ_CONFLICT(12, TxStatus.PHANTOM_READ_CONFLICT);

    final int code;
    final TxStatus status;

    ValidationCode(int code, TxStatus status) {
        this.code = code;
        this.status = status;
    }

    static ValidationCode of(int code) {
        for (ValidationCode v : values()) {
            if (v.code == code) {
                return v;
            }
        }
        throw new Wire.Malformed("unknown validation code " + code);
    }
}
