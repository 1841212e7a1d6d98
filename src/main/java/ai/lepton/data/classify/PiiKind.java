package ai.lepton.data.classify;

/** Kinds of personal data a column can be tagged with; {@link #tag()} is the tag shown in the API. */
public enum PiiKind {
    EMAIL("email"),
    PHONE("phone"),
    IPV4("ipv4"),
    IPV6("ipv6"),
    PAYMENT_CARD("payment-card"),
    IBAN("iban");

    private final String tag;

    PiiKind(String tag) {
        this.tag = tag;
    }

    public String tag() {
        return tag;
    }
}
