package io.payonce.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * The shape every bearer secret of payonce shares: {@code <kind>_<id>_<secret>}. The id is not
 * secret (it finds the row and names the credential in lists and logs); the secret is 256 random
 * bits; only the SHA-256 of the whole token is stored.
 */
final class Secrets {

    /** 256 bits: far past guessing, and enough that an unsalted SHA-256 cannot be reversed. */
    static final int SECRET_BYTES = 32;
    static final int ID_CHARS = 12;
    /** A generous bound on any token payonce issues, so a huge header is refused before hashing. */
    static final int TOKEN_CHARS_MAX = 128;
    private static final char[] ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private Secrets() {
    }

    /** A freshly issued token, its id and the hash to store. */
    record Issued(String id, String token, byte[] hash) {
        @Override
        public String toString() {
            return "Issued[id=" + id + ", token=<redacted>]";
        }
    }

    /** A presented token split into its parts; the whole token is needed for the hash. */
    record Presented(String id, String token) {
        @Override
        public String toString() {
            return "Presented[id=" + id + ", token=<redacted>]";
        }
    }

    static Issued issue(String kind) {
        StringBuilder id = new StringBuilder(ID_CHARS);
        for (int i = 0; i < ID_CHARS; i++) {
            id.append(ID_ALPHABET[RANDOM.nextInt(ID_ALPHABET.length)]);
        }
        String token = kind + "_" + id + "_" + randomSecret();
        return new Issued(id.toString(), token, sha256(token));
    }

    /** Splits {@code kind_id_secret}; empty when the token is not of this kind or not well formed. */
    static Optional<Presented> parse(String kind, String token) {
        if (token == null || token.length() > TOKEN_CHARS_MAX || !token.startsWith(kind + "_")) {
            return Optional.empty();
        }
        String rest = token.substring(kind.length() + 1);
        int separator = rest.indexOf('_');
        if (separator != ID_CHARS || rest.length() == ID_CHARS + 1) {
            return Optional.empty();
        }
        String id = rest.substring(0, ID_CHARS);
        for (char c : id.toCharArray()) {
            if ((c < 'a' || c > 'z') && (c < '0' || c > '9')) {
                return Optional.empty();
            }
        }
        return Optional.of(new Presented(id, token));
    }

    static String randomSecret() {
        byte[] bytes = new byte[SECRET_BYTES];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK has SHA-256", e);
        }
    }

    /** Compares in constant time, so the answer's timing tells nothing about the stored hash. */
    static boolean matches(String presented, byte[] storedHash) {
        return MessageDigest.isEqual(sha256(presented), storedHash);
    }
}
