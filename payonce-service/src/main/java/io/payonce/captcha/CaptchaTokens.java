package io.payonce.captcha;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signed form of a challenge: {@code c1.<id>.<expiry epoch seconds>.<answer proof>.<seal>}.
 * The answer proof is HMAC(secret, id, expiry, answer): the answer is in no part of the token, so
 * only the holder of the secret can tell whether an answer fits, and a client cannot solve a
 * token offline. The seal is HMAC(secret, id, expiry, answer proof): it shows the token is ours
 * and unaltered whatever the answer, so {@link Captchas} can spend a token on its first answer,
 * right or wrong (otherwise a bot would try every sum on one token).
 */
final class CaptchaTokens {

    static final String PREFIX = "c1.";

    /** An id is 16 Base64url characters and each MAC 43: a token is about 120; anything past this is not one. */
    static final int TOKEN_LENGTH_MAX = 200;

    private final byte[] secret;

    CaptchaTokens(byte[] secret) {
        if (secret.length < 32) {
            throw new IllegalArgumentException("A captcha secret needs at least 32 bytes");
        }
        this.secret = secret.clone();
    }

    /** An authentic, unexpired token: its id (spent once), its expiry, and whether the answer given fits it. */
    record Checked(String id, Instant expiresAt, boolean answerFits) {
    }

    String sign(String id, Instant expiresAt, int answer) {
        long expiry = expiresAt.getEpochSecond();
        String proof = mac("answer", id, String.valueOf(expiry), String.valueOf(answer));
        return PREFIX + id + "." + expiry + "." + proof + "." + mac("seal", id, String.valueOf(expiry), proof);
    }

    /** Empty when the token is malformed, altered, not ours or expired at {@code now}. */
    Optional<Checked> check(String token, int answer, Instant now) {
        if (token == null || token.length() > TOKEN_LENGTH_MAX || !token.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String[] parts = token.substring(PREFIX.length()).split("\\.", -1);
        if (parts.length != 4 || !parts[1].matches("[0-9]{1,12}")) {
            return Optional.empty();
        }
        long expiry = Long.parseLong(parts[1]);
        if (now.getEpochSecond() >= expiry || !same(mac("seal", parts[0], parts[1], parts[2]), parts[3])) {
            return Optional.empty();
        }
        boolean fits = same(mac("answer", parts[0], parts[1], String.valueOf(answer)), parts[2]);
        return Optional.of(new Checked(parts[0], Instant.ofEpochSecond(expiry), fits));
    }

    private static boolean same(String expected, String given) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), given.getBytes(StandardCharsets.US_ASCII));
    }

    private String mac(String purpose, String... fields) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            byte[] digest = mac.doFinal(("payonce captcha " + purpose + "\n" + String.join("\n", fields)).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Every JDK has HmacSHA256", e);
        }
    }

    @Override
    public String toString() {
        return "CaptchaTokens[<redacted>]";
    }
}
