package io.payonce.access;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.spec.KeySpec;
import java.util.Base64;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * The owner's password, stored slow: PBKDF2-HMAC-SHA256 from the JDK, 600,000 iterations by default
 * (OWASP's 2023 figure for this function), a 128-bit random salt, a 256-bit hash. The stored form
 * {@code pbkdf2-sha256$<iterations>$<salt>$<hash>} carries its own parameters, so raising the
 * iteration count later still verifies passwords hashed before.
 */
public final class PasswordHashes {

    public static final int ITERATIONS_DEFAULT = 600_000;
    /** Below this a leaked hash falls to a GPU in hours; tests may not go lower either. */
    public static final int ITERATIONS_MIN = 10_000;
    /** A stored count above this is refused rather than computed: a tampered row must not hang a login. */
    static final int ITERATIONS_MAX = 10_000_000;
    static final String SCHEME = "pbkdf2-sha256";
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;
    /** Passwords longer than this are refused before hashing: PBKDF2's cost grows with nothing else. */
    public static final int PASSWORD_CHARS_MAX = 200;
    private static final SecureRandom RANDOM = new SecureRandom();

    private PasswordHashes() {
    }

    public static String hash(String password, int iterations) {
        if (!iterationsAllowed(iterations)) {
            throw new IllegalArgumentException("iterations must be between " + ITERATIONS_MIN + " and " + ITERATIONS_MAX);
        }
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return SCHEME + "$" + iterations + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(derive(password, salt, iterations));
    }

    /** Whether {@code password} is the one hashed in {@code stored}; false for a stored form it cannot read. */
    public static boolean verify(String password, String stored) {
        String[] parts = stored == null ? new String[0] : stored.split("\\$");
        if (parts.length != 4 || !SCHEME.equals(parts[0]) || password == null || password.isEmpty()
                || password.length() > PASSWORD_CHARS_MAX) {
            return false;
        }
        try {
            int iterations = Integer.parseInt(parts[1]);
            if (!iterationsAllowed(iterations)) {
                return false;
            }
            byte[] salt = Base64.getDecoder().decode(parts[2]);
            byte[] expected = Base64.getDecoder().decode(parts[3]);
            return MessageDigest.isEqual(derive(password, salt, iterations), expected);
        } catch (IllegalArgumentException unreadable) {
            return false;
        }
    }

    static boolean iterationsAllowed(int iterations) {
        return iterations >= ITERATIONS_MIN && iterations <= ITERATIONS_MAX;
    }

    private static byte[] derive(String password, byte[] salt, int iterations) {
        KeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, HASH_BITS);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Every JDK has PBKDF2WithHmacSHA256", e);
        }
    }

}
