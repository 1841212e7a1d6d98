package ai.lepton.data.classify;

/**
 * Hand-written matchers for personal data. They run on every cell of an upload, so they avoid regular expressions and
 * allocation, and reject cheaply on the first character that cannot fit.
 */
public final class PiiDetector {

    private PiiDetector() {
    }

    /** The kind a value matches, or null. A value matches at most one kind (checked most specific first). */
    public static PiiKind detect(String s) {
        int n = s.length();
        if (n < 3 || n > 320) {
            return null;
        }
        char c0 = s.charAt(0);
        if (s.indexOf('@') > 0) {
            return isEmail(s) ? PiiKind.EMAIL : null;
        }
        if (isIban(s)) {
            return PiiKind.IBAN;
        }
        if (s.indexOf(':') >= 0) {
            return isIpv6(s) ? PiiKind.IPV6 : null;
        }
        if (c0 >= '0' && c0 <= '9' && isIpv4(s)) {
            return PiiKind.IPV4;
        }
        if (isPaymentCard(s)) {
            return PiiKind.PAYMENT_CARD;
        }
        if (isPhone(s)) {
            return PiiKind.PHONE;
        }
        return null;
    }

    /** {@code local@domain.tld}: a non-empty local part of atext and dots, a dotted domain of letters, digits, hyphens. */
    public static boolean isEmail(String s) {
        int at = s.indexOf('@');
        if (at <= 0 || at != s.lastIndexOf('@') || at > 64) {
            return false;
        }
        for (int i = 0; i < at; i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "!#$%&'*+/=?^_`{|}~.-".indexOf(c) >= 0;
            if (!ok || (c == '.' && (i == 0 || i == at - 1 || s.charAt(i - 1) == '.'))) {
                return false;
            }
        }
        int labelStart = at + 1;
        int dots = 0;
        int lastDot = -1;
        for (int i = at + 1; i <= s.length(); i++) {
            char c = i == s.length() ? '.' : s.charAt(i);
            if (c == '.') {
                int len = i - labelStart;
                if (len < 1 || len > 63 || s.charAt(labelStart) == '-' || s.charAt(i - 1) == '-') {
                    return false;
                }
                if (i < s.length()) {
                    dots++;
                    lastDot = i;
                }
                labelStart = i + 1;
            } else if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-')) {
                return false;
            }
        }
        if (dots == 0) {
            return false;
        }
        // the top-level domain is alphabetic and at least two letters
        if (s.length() - lastDot - 1 < 2) {
            return false;
        }
        for (int i = lastDot + 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) {
                return false;
            }
        }
        return true;
    }

    /** Dotted quad, each octet 0-255 without leading zeros. */
    public static boolean isIpv4(String s) {
        return ipv4End(s, 0) == s.length();
    }

    /** Parses a dotted quad starting at {@code from}; returns the index after it, or -1. */
    private static int ipv4End(String s, int from) {
        int i = from;
        for (int octet = 0; octet < 4; octet++) {
            if (octet > 0) {
                if (i >= s.length() || s.charAt(i) != '.') {
                    return -1;
                }
                i++;
            }
            int start = i;
            int value = 0;
            while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9' && i - start < 3) {
                value = value * 10 + (s.charAt(i) - '0');
                i++;
            }
            int len = i - start;
            if (len == 0 || value > 255 || (len > 1 && s.charAt(start) == '0')) {
                return -1;
            }
        }
        return i;
    }

    /** IPv6 in full, {@code ::}-compressed, or IPv4-suffixed form (RFC 4291 section 2.2); no zone, no brackets. */
    public static boolean isIpv6(String s) {
        int n = s.length();
        if (n < 2 || n > 45) {
            return false;
        }
        int groups = 0;
        boolean compressed = false;
        int i = 0;
        if (s.startsWith("::")) {
            compressed = true;
            i = 2;
            if (i == n) {
                return true;
            }
        } else if (s.charAt(0) == ':') {
            return false;
        }
        while (i < n) {
            int start = i;
            int hex = 0;
            while (i < n && isHex(s.charAt(i)) && hex < 5) {
                i++;
                hex++;
            }
            if (i < n && s.charAt(i) == '.') {
                // embedded IPv4 takes the place of the last two groups
                if (ipv4End(s, start) != n) {
                    return false;
                }
                groups += 2;
                i = n;
                break;
            }
            if (hex == 0 || hex > 4) {
                return false;
            }
            groups++;
            if (i == n) {
                break;
            }
            if (s.charAt(i) != ':') {
                return false;
            }
            i++;
            if (i < n && s.charAt(i) == ':') {
                if (compressed) {
                    return false;
                }
                compressed = true;
                i++;
                if (i == n) {
                    break;
                }
            } else if (i == n) {
                return false; // trailing single colon
            }
        }
        return compressed ? groups < 8 : groups == 8;
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    /** 13 to 19 digits, optionally grouped by spaces or hyphens, passing the Luhn check. */
    public static boolean isPaymentCard(String s) {
        int n = s.length();
        if (n < 13 || n > 23) {
            return false;
        }
        int digits = 0;
        int sum = 0;
        // Luhn from the right: double every second digit
        for (int i = n - 1; i >= 0; i--) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                int d = c - '0';
                if ((digits & 1) == 1) {
                    d *= 2;
                    if (d > 9) {
                        d -= 9;
                    }
                }
                sum += d;
                digits++;
            } else if ((c == ' ' || c == '-') && i > 0 && i < n - 1) {
                char prev = s.charAt(i - 1);
                if (prev == ' ' || prev == '-') {
                    return false;
                }
            } else {
                return false;
            }
        }
        return digits >= 13 && digits <= 19 && sum % 10 == 0 && s.charAt(0) != '0';
    }

    /** Two letters, two check digits, 11 to 30 letters or digits; spaces allowed; ISO 13616 mod-97 equals 1. */
    public static boolean isIban(String s) {
        int n = s.length();
        if (n < 15 || n > 42) {
            return false;
        }
        char c0 = Character.toUpperCase(s.charAt(0));
        char c1 = Character.toUpperCase(s.charAt(1));
        if (c0 < 'A' || c0 > 'Z' || c1 < 'A' || c1 > 'Z' || !isDigit(s.charAt(2)) || !isDigit(s.charAt(3))) {
            return false;
        }
        int len = 0;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c == ' ') {
                continue;
            }
            if (!Character.isLetterOrDigit(c) || c > 'z') {
                return false;
            }
            len++;
        }
        if (len < 15 || len > 34) {
            return false;
        }
        // move the first four characters to the end, letters become 10..35, compute mod 97 incrementally
        int mod = 0;
        for (int pass = 0; pass < 2; pass++) {
            int count = 0;
            for (int i = 0; i < n; i++) {
                char c = s.charAt(i);
                if (c == ' ') {
                    continue;
                }
                boolean head = count < 4;
                count++;
                if ((pass == 0) == head) {
                    continue;
                }
                char u = Character.toUpperCase(c);
                if (u >= '0' && u <= '9') {
                    mod = (mod * 10 + (u - '0')) % 97;
                } else {
                    mod = (mod * 100 + (u - 'A' + 10)) % 97;
                }
            }
        }
        return mod == 1;
    }

    /**
     * A phone number: 7 to 15 digits, written either with a leading {@code +} or with phone-like grouping (spaces,
     * dots, hyphens, one pair of parentheses). Plain digit strings, dates, times, decimals and IPv4 addresses are not
     * phone numbers.
     */
    public static boolean isPhone(String s) {
        int n = s.length();
        if (n < 7 || n > 24) {
            return false;
        }
        int i = 0;
        boolean plus = s.charAt(0) == '+';
        if (plus) {
            i = 1;
        }
        int digits = 0;
        int separators = 0;
        int dots = 0;
        int hyphens = 0;
        int open = 0;
        boolean parens = false;
        char prev = plus ? '+' : ' ';
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                digits++;
            } else if (c == ' ' || c == '-' || c == '.') {
                if (prev == ' ' || prev == '-' || prev == '.' || i == n - 1) {
                    return false;
                }
                separators++;
                if (c == '.') {
                    dots++;
                } else if (c == '-') {
                    hyphens++;
                }
            } else if (c == '(') {
                if (parens || open > 0) {
                    return false;
                }
                open++;
                parens = true;
            } else if (c == ')') {
                if (open != 1 || prev == '(') {
                    return false;
                }
                open--;
            } else {
                return false;
            }
            prev = c;
        }
        if (open != 0 || digits < 7 || digits > 15) {
            return false;
        }
        if (!plus && separators == 0 && !parens) {
            return false; // a bare run of digits is a number, not evidence of a phone
        }
        if (!plus && dots > 0 && dots == separators && dots != 2) {
            return false; // 3.14159265 or 1.2.3.4.5 are not phones; 555.123.4567 is
        }
        // a date written yyyy-mm-dd has exactly 8 digits split 4-2-2
        if (!plus && hyphens == 2 && separators == 2 && digits == 8 && n == 10 && s.charAt(4) == '-') {
            return false;
        }
        return true;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
