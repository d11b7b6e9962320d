package io.payonce.common;

import java.security.SecureRandom;

/**
 * Server-chosen opaque ids ({@code ord_...}, {@code pay_...}, {@code ref_...}): a millisecond
 * time prefix keeps index inserts local, 80 random bits make them unguessable, since an order id
 * is all a buyer needs to read the order's delivered keys.
 */
public final class Ids {

    private static final char[] ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int TIME_CHARS = 10;
    private static final int RANDOM_CHARS = 16;

    private Ids() {
    }

    public static String next(String prefix) {
        char[] out = new char[TIME_CHARS + RANDOM_CHARS];
        long time = System.currentTimeMillis();
        for (int i = TIME_CHARS - 1; i >= 0; i--) {
            out[i] = ALPHABET[(int) (time & 31)];
            time >>>= 5;
        }
        byte[] bytes = new byte[RANDOM_CHARS];
        RANDOM.nextBytes(bytes);
        for (int i = 0; i < RANDOM_CHARS; i++) {
            out[TIME_CHARS + i] = ALPHABET[bytes[i] & 31];
        }
        return prefix + "_" + new String(out);
    }

    /** A cheap shape check before an id reaches SQL: bounded and from our alphabet. */
    public static boolean wellFormed(String id, String prefix) {
        return id != null && id.length() == prefix.length() + 1 + TIME_CHARS + RANDOM_CHARS
                && id.startsWith(prefix + "_")
                && id.substring(prefix.length() + 1).chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z'));
    }
}
