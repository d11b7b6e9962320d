package io.payonce.captcha;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Arrays;
import java.util.random.RandomGenerator;

import org.junit.jupiter.api.Test;

/** Signed challenges: the answer is not in the token, an altered or expired token is nobody's, and a wrong answer still reads as ours. */
class CaptchaTokensTest {

    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
    private static final Instant EXPIRY = NOW.plusSeconds(300);
    private final CaptchaTokens tokens = new CaptchaTokens(filled(7));

    @Test
    void the_right_answer_fits_and_a_wrong_one_is_still_an_authentic_token_that_does_not_fit() {
        String token = tokens.sign("abc", EXPIRY, 42);

        assertThat(tokens.check(token, 42, NOW)).contains(new CaptchaTokens.Checked("abc", EXPIRY, true));
        assertThat(tokens.check(token, 41, NOW)).contains(new CaptchaTokens.Checked("abc", EXPIRY, false));
        assertThat(token).startsWith("c1.abc." + EXPIRY.getEpochSecond() + ".").doesNotContain("42");
    }

    @Test
    void a_token_is_refused_from_its_expiry_on() {
        String token = tokens.sign("abc", EXPIRY, 42);

        assertThat(tokens.check(token, 42, EXPIRY.minusSeconds(1))).isPresent();
        assertThat(tokens.check(token, 42, EXPIRY)).isEmpty();
        assertThat(tokens.check(token, 42, EXPIRY.plusSeconds(1))).isEmpty();
    }

    @Test
    void an_altered_token_or_one_signed_with_another_secret_is_nobodys() {
        String token = tokens.sign("abc", EXPIRY, 42);
        String[] parts = token.split("\\.");
        String laterExpiry = String.join(".", parts[0], parts[1], String.valueOf(EXPIRY.getEpochSecond() + 3600), parts[3], parts[4]);
        String otherId = String.join(".", parts[0], "abd", parts[2], parts[3], parts[4]);
        String otherProof = String.join(".", parts[0], parts[1], parts[2], tokens.sign("abc", EXPIRY, 43).split("\\.")[3], parts[4]);
        String foreign = new CaptchaTokens(filled(8)).sign("abc", EXPIRY, 42);

        assertThat(tokens.check(laterExpiry, 42, NOW)).isEmpty();
        assertThat(tokens.check(otherId, 42, NOW)).isEmpty();
        assertThat(tokens.check(otherProof, 42, NOW)).isEmpty();
        assertThat(tokens.check(foreign, 42, NOW)).isEmpty();
    }

    @Test
    void malformed_tokens_are_refused_without_an_exception() {
        String token = tokens.sign("abc", EXPIRY, 42);

        assertThat(tokens.check(null, 42, NOW)).isEmpty();
        assertThat(tokens.check("", 42, NOW)).isEmpty();
        assertThat(tokens.check("c2" + token.substring(2), 42, NOW)).isEmpty();
        assertThat(tokens.check(token + ".x", 42, NOW)).isEmpty();
        assertThat(tokens.check(token.substring(0, token.lastIndexOf('.')), 42, NOW)).isEmpty();
        assertThat(tokens.check("c1.abc.12x.a.b", 42, NOW)).isEmpty();
        assertThat(tokens.check("c1.abc.1234567890123.a.b", 42, NOW)).isEmpty();
        assertThat(tokens.check(token + "x".repeat(CaptchaTokens.TOKEN_LENGTH_MAX), 42, NOW)).isEmpty();
    }

    @Test
    void a_token_at_the_length_limit_is_read_and_one_past_it_is_not() {
        String id = "i".repeat(CaptchaTokens.TOKEN_LENGTH_MAX - tokens.sign("", EXPIRY, 1).length());
        String atLimit = tokens.sign(id, EXPIRY, 1);
        String pastLimit = tokens.sign(id + "i", EXPIRY, 1);

        assertThat(atLimit).hasSize(CaptchaTokens.TOKEN_LENGTH_MAX);
        assertThat(tokens.check(atLimit, 1, NOW)).isPresent();
        assertThat(tokens.check(pastLimit, 1, NOW)).isEmpty();
    }

    @Test
    void a_short_secret_is_refused_and_the_secret_never_prints() {
        assertThatThrownBy(() -> new CaptchaTokens(new byte[31])).isInstanceOf(IllegalArgumentException.class);
        assertThat(new CaptchaTokens(new byte[32])).hasToString("CaptchaTokens[<redacted>]");
    }

    @Test
    void the_picture_draws_lines_not_the_question_as_text() {
        String svg = CaptchaImage.svg("23 + 7 = ?", RandomGenerator.of("L64X128MixRandom"));

        assertThat(svg).startsWith("<svg").endsWith("</svg>").contains("<line").doesNotContain("<text").doesNotContain("+").doesNotContain("?");
    }

    private static byte[] filled(int value) {
        byte[] secret = new byte[32];
        Arrays.fill(secret, (byte) value);
        return secret;
    }
}
