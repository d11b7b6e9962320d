package io.payonce.access;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import io.payonce.common.Refusal;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One-time submit tokens against double submission: a checkout page asks for one, and the order it
 * submits carries it instead of an Idempotency-Key. A token belongs to the caller it was issued to
 * and is accepted for its first use until it expires; its id then names the order request, so
 * the idempotency record (one row per key, claimed by one INSERT) lets exactly one use create an
 * order and every later use replay that answer.
 */
@Service
public class SubmitTokens {

    static final String KIND = "st";

    private final JdbcClient jdbc;
    private final Clock clock;
    private final AccessProperties properties;
    private final TransactionTemplate transactions;

    SubmitTokens(JdbcClient jdbc, Clock clock, AccessProperties properties, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.properties = properties;
        this.transactions = transactions;
    }

    /** A new token: the only time {@code submitToken} is ever available. */
    public record IssuedSubmitToken(String submitToken, Instant expiresAt) {
        @Override
        public String toString() {
            return "IssuedSubmitToken[submitToken=<redacted>, expiresAt=" + expiresAt + "]";
        }
    }

    public IssuedSubmitToken issue(Caller caller) {
        Secrets.Issued issued = Secrets.issue(KIND);
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant expiresAt = now.plus(properties.submitTokenTtl());
        transactions.executeWithoutResult(tx -> jdbc.sql("""
                        INSERT INTO submit_tokens (id, secret_hash, owner, created_at, expires_at)
                        VALUES (:id, :hash, :owner, :now, :expires)""")
                .param("id", issued.id()).param("hash", issued.hash()).param("owner", caller.owner())
                .param("now", ApiKeys.utc(now)).param("expires", ApiKeys.utc(expiresAt))
                .update());
        return new IssuedSubmitToken(issued.token(), expiresAt);
    }

    /**
     * The id of {@code presented} when it is the caller's and either unused and not expired, or
     * used before (then its first use's stored answer is replayed, also past the expiry). Marks
     * the first use. Throws {@code submit_token_invalid} otherwise, saying nothing about which
     * check failed, so a guessed token tells an attacker nothing.
     */
    public String redeem(Caller caller, String presented) {
        Secrets.Presented token = Secrets.parse(KIND, presented).orElseThrow(SubmitTokens::invalid);
        boolean ours = jdbc.sql("SELECT secret_hash FROM submit_tokens WHERE id = :id AND owner = :owner")
                .param("id", token.id()).param("owner", caller.owner())
                .query((rs, row) -> rs.getBytes(1)).optional()
                .filter(hash -> Secrets.matches(token.token(), hash))
                .isPresent();
        if (!ours || !markUsed(token.id())) {
            throw invalid();
        }
        return token.id();
    }

    /** Sets first_used_at once; true when the token was used before or is used now within its life. */
    private boolean markUsed(String id) {
        Integer updated = transactions.execute(tx -> jdbc.sql("""
                        UPDATE submit_tokens SET first_used_at = coalesce(first_used_at, :now)
                         WHERE id = :id AND (first_used_at IS NOT NULL OR expires_at > :now)""")
                .param("id", id).param("now", ApiKeys.utc(clock.instant()))
                .update());
        return updated != null && updated == 1;
    }

    /** Deletes up to {@code batchMax} tokens that expired before {@code before}; returns how many. */
    int deleteExpired(Instant before, int batchMax) {
        return jdbc.sql("""
                        DELETE FROM submit_tokens WHERE id IN (
                            SELECT id FROM submit_tokens WHERE expires_at < :before ORDER BY expires_at LIMIT :max)""")
                .param("before", ApiKeys.utc(before)).param("max", batchMax).update();
    }

    private static Refusal invalid() {
        return new Refusal(Refusal.Reason.SUBMIT_TOKEN_INVALID,
                "Submit-Token is not one issued to this caller, or it expired before its first use; ask POST /v1/submit-tokens for another");
    }
}
