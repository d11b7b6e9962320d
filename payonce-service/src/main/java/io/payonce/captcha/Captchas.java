package io.payonce.captcha;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The storefront's self-hosted captcha: issues a challenge (an addition drawn as an SVG, and a
 * signed token that carries no answer) and redeems an answer once. Issuing writes nothing, so a
 * flood of challenges costs no rows; redeeming records the challenge's id, so a solved token buys
 * one order, on whichever instance it is presented.
 */
@Service
public class Captchas {

    /** Answers of the additions asked (10..49 + 2..9) have two digits; anything longer is no answer. */
    static final int ANSWER_CHARS_MAX = 4;

    /** Expired uses deleted per redemption: keeps the table as small as the live challenges, in steps a redemption does not notice. */
    private static final int EXPIRED_DELETED_MAX = 100;

    /** A challenge: its token for the answer's request, the picture the buyer reads, and until when it can be answered. */
    public record Challenge(String token, String svg, Instant expiresAt) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final CaptchaSettings settings;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private volatile CaptchaTokens tokens;

    Captchas(JdbcClient jdbc, TransactionTemplate transactions, CaptchaSettings settings, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.settings = settings;
        this.clock = clock;
    }

    public Challenge issue() {
        int left = random.nextInt(10, 50);
        int right = random.nextInt(2, 10);
        byte[] idBytes = new byte[12];
        random.nextBytes(idBytes);
        String id = Base64.getUrlEncoder().withoutPadding().encodeToString(idBytes);
        Instant expiresAt = clock.instant().plus(settings.challengeTtl());
        String token = tokens().sign(id, expiresAt, left + right);
        return new Challenge(token, CaptchaImage.svg(left + " + " + right + " = ?", random), expiresAt);
    }

    /**
     * Whether {@code answer} solves the challenge of {@code token}, not yet expired and never
     * answered before. The first answer spends the challenge, right or wrong, so each challenge
     * is one guess; a wrong one gets the buyer a new challenge.
     */
    public boolean redeem(String token, String answer) {
        int number = parse(answer).orElse(-1);
        Optional<CaptchaTokens.Checked> checked = tokens().check(token, number, clock.instant());
        return checked.isPresent() && Boolean.TRUE.equals(transactions.execute(tx -> spend(checked.get())))
                && checked.get().answerFits();
    }

    /** Records the challenge as answered; false when it was answered before. */
    private boolean spend(CaptchaTokens.Checked checked) {
        jdbc.sql("""
                        DELETE FROM captcha_uses WHERE challenge_id IN (
                            SELECT challenge_id FROM captcha_uses WHERE expires_at < ? LIMIT ?)""")
                .params(java.sql.Timestamp.from(clock.instant()), EXPIRED_DELETED_MAX).update();
        return jdbc.sql("INSERT INTO captcha_uses (challenge_id, expires_at) VALUES (?, ?) ON CONFLICT DO NOTHING")
                .params(checked.id(), java.sql.Timestamp.from(checked.expiresAt())).update() == 1;
    }

    private static Optional<Integer> parse(String answer) {
        if (answer == null) {
            return Optional.empty();
        }
        String trimmed = answer.strip();
        return trimmed.matches("[0-9]{1," + ANSWER_CHARS_MAX + "}") ? Optional.of(Integer.parseInt(trimmed)) : Optional.empty();
    }

    /** The shared secret: the first instance to need it creates it; every instance then reads the same one. */
    private CaptchaTokens tokens() {
        CaptchaTokens current = tokens;
        if (current == null) {
            byte[] fresh = new byte[32];
            random.nextBytes(fresh);
            byte[] secret = transactions.execute(tx -> {
                jdbc.sql("INSERT INTO captcha_secret (id, secret) VALUES (1, ?) ON CONFLICT (id) DO NOTHING").param(fresh).update();
                return jdbc.sql("SELECT secret FROM captcha_secret WHERE id = 1").query(byte[].class).single();
            });
            current = new CaptchaTokens(secret);
            tokens = current;
        }
        return current;
    }
}
