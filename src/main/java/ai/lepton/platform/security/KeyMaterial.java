package ai.lepton.platform.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * API key generation and hashing. Keys carry about 238 bits of entropy, so a plain SHA-256 is a sufficient one-way
 * hash (a slow password hash buys nothing against brute force of such keys and would cost every request).
 */
public final class KeyMaterial {

    /** Every key starts with this, so leaked keys are recognisable by secret scanners. */
    public static final String PREFIX = "lep_";
    private static final char[] ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
    private static final int RANDOM_CHARS = 40;
    /** Keys supplied by operators (LEPTON_ADMIN_KEY) must be at least this long. */
    public static final int MIN_SUPPLIED_LENGTH = 24;
    private static final SecureRandom RANDOM = new SecureRandom();

    private KeyMaterial() {
    }

    public static String generate() {
        StringBuilder sb = new StringBuilder(PREFIX.length() + RANDOM_CHARS).append(PREFIX);
        for (int i = 0; i < RANDOM_CHARS; i++) {
            sb.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
        }
        return sb.toString();
    }

    /** Lower-case hex SHA-256 of the key. */
    public static String hash(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    /** The first characters of a key, shown in listings so people can tell their keys apart. */
    public static String displayPrefix(String key) {
        return key.substring(0, Math.min(key.length(), PREFIX.length() + 6));
    }
}
