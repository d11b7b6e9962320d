package io.payonce.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code Payonce-Signature} header, made and checked as Stripe's {@code Stripe-Signature} is:
 * {@code t=<unix seconds>,v1=<hex HMAC-SHA256(secret, t + "." + body)>}. The key is the endpoint's
 * secret string as given at creation ({@code whsec_...}, its UTF-8 bytes). A receiver checks that
 * one {@code v1} matches (several may be sent) and that {@code t} is recent, which bounds replays
 * of a captured request.
 */
public final class WebhookSignature {

    public static final String HEADER = "Payonce-Signature";
    /** Stripe's default tolerance: a request signed longer ago than this is refused. */
    public static final long TOLERANCE_SECONDS_DEFAULT = 300;
    /** A header longer than this is not one we sent: a few signatures fit easily. */
    private static final int HEADER_LENGTH_MAX = 1024;
    private static final String HMAC = "HmacSHA256";

    private WebhookSignature() {
    }

    /** What a receiver's check found. */
    public enum Verdict {
        VALID,
        /** No {@code t=} or no {@code v1=}, or something else that is not our header. */
        MALFORMED,
        /** No {@code v1} matches the body under this secret. */
        MISMATCH,
        /** It matches, but was signed further from now than the tolerance (a replay, or a clock far off). */
        OUTSIDE_TOLERANCE
    }

    /** The hex HMAC-SHA256 of {@code timestamp + "." + body} under {@code secret}. */
    public static String sign(String secret, long timestampSeconds, String body) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), HMAC));
            return HexFormat.of().formatHex(mac.doFinal((timestampSeconds + "." + body).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }

    /** The header value for {@code body} signed at {@code timestampSeconds}. */
    public static String header(String secret, long timestampSeconds, String body) {
        return "t=" + timestampSeconds + ",v1=" + sign(secret, timestampSeconds, body);
    }

    /**
     * Checks a received header as a receiver should: one {@code v1} equal (in constant time) to the
     * body's signature under {@code secret}, and {@code t} within {@code toleranceSeconds} of
     * {@code nowSeconds}, either way.
     */
    public static Verdict verify(String secret, String header, String body, long nowSeconds, long toleranceSeconds) {
        if (header == null || header.length() > HEADER_LENGTH_MAX) {
            return Verdict.MALFORMED;
        }
        Long timestamp = null;
        List<String> signatures = new ArrayList<>();
        for (String part : header.split(",")) {
            int equals = part.indexOf('=');
            if (equals < 1) {
                return Verdict.MALFORMED;
            }
            String key = part.substring(0, equals).strip();
            String value = part.substring(equals + 1).strip();
            if (key.equals("t")) {
                timestamp = seconds(value);
                if (timestamp == null) {
                    return Verdict.MALFORMED;
                }
            } else if (key.equals("v1")) {
                signatures.add(value);
            }
        }
        if (timestamp == null || signatures.isEmpty()) {
            return Verdict.MALFORMED;
        }
        byte[] expected = sign(secret, timestamp, body).getBytes(StandardCharsets.US_ASCII);
        boolean matched = false;
        for (String signature : signatures) {
            // Every candidate is compared, in constant time, so timing tells nothing about which matched.
            matched |= MessageDigest.isEqual(signature.getBytes(StandardCharsets.US_ASCII), expected);
        }
        if (!matched) {
            return Verdict.MISMATCH;
        }
        return Math.abs(nowSeconds - timestamp) > toleranceSeconds ? Verdict.OUTSIDE_TOLERANCE : Verdict.VALID;
    }

    private static Long seconds(String value) {
        if (value.isEmpty() || value.length() > 12 || !value.chars().allMatch(Character::isDigit)) {
            return null;
        }
        return Long.parseLong(value);
    }
}
