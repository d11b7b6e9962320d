package io.payonce.client;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks a merchant webhook's {@code Payonce-Signature: t=<unix seconds>,v1=<hex>} header, where
 * v1 is HMAC-SHA256 with the endpoint's secret over {@code t + "." + body}. Several {@code v1}
 * values may come (during a secret's rotation): one match is enough. The timestamp must be within
 * {@code tolerance} of the clock, either way, so a captured delivery cannot be replayed later.
 */
public final class WebhookSignatures {

    /** A header longer than this is not payonce's (a timestamp and a few 64-hex signatures). */
    static final int HEADER_LENGTH_MAX = 1024;

    private WebhookSignatures() {
    }

    /** True only for a well-formed header with a fresh timestamp and a v1 signature of this body under this secret. */
    public static boolean verify(String secret, String header, String body, Duration tolerance, Clock clock) {
        if (header == null || header.length() > HEADER_LENGTH_MAX) {
            return false;
        }
        Long timestamp = null;
        boolean matched = false;
        for (String part : header.split(",")) {
            int eq = part.indexOf('=');
            if (eq <= 0) {
                return false;
            }
            String name = part.substring(0, eq).strip();
            String value = part.substring(eq + 1).strip();
            if (name.equals("t")) {
                if (timestamp != null || !value.matches("[0-9]{1,12}")) {
                    return false;
                }
                timestamp = Long.parseLong(value);
            }
        }
        if (timestamp == null || Math.abs(clock.instant().getEpochSecond() - timestamp) > tolerance.toSeconds()) {
            return false;
        }
        byte[] expected = hmac(secret, timestamp + "." + body);
        for (String part : header.split(",")) {
            int eq = part.indexOf('=');
            if (part.substring(0, eq).strip().equals("v1")) {
                String hex = part.substring(eq + 1).strip();
                matched |= hex.matches("[0-9a-fA-F]{64}") && MessageDigest.isEqual(expected, HexFormat.of().parseHex(hex));
            }
        }
        return matched;
    }

    /** The header payonce would send for this body at this time: for tests of a webhook receiver. */
    public static String header(String secret, long unixSeconds, String body) {
        return "t=" + unixSeconds + ",v1=" + HexFormat.of().formatHex(hmac(secret, unixSeconds + "." + body));
    }

    private static byte[] hmac(String secret, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
