package io.payonce.captcha;

import java.time.Instant;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Solves a challenge the way only a holder of the database can: with the shared secret, trying
 * each sum offline. Tests use it to answer the captcha a browser shows; it is also the reason
 * docs/security.md counts {@code captcha_secret} as a secret.
 */
public final class CaptchaSolver {

    private CaptchaSolver() {
    }

    public static String answer(JdbcClient jdbc, String token) {
        byte[] secret = jdbc.sql("SELECT secret FROM captcha_secret WHERE id = 1").query(byte[].class).single();
        CaptchaTokens tokens = new CaptchaTokens(secret);
        for (int sum = 0; sum < 100; sum++) {
            if (tokens.check(token, sum, Instant.now()).map(CaptchaTokens.Checked::answerFits).orElse(false)) {
                return String.valueOf(sum);
            }
        }
        throw new AssertionError("No sum below 100 solves the challenge " + token);
    }
}
