package io.payonce.access;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Anonymous buyers' sessions: a random bearer token that needs no account, owns the buyer's
 * Idempotency-Keys and lets the buyer create orders. Stored as a hash, with an expiry.
 */
@Service
public class BuyerSessions {

    static final String KIND = "bs";

    private final JdbcClient jdbc;
    private final Clock clock;
    private final AccessProperties properties;
    private final TransactionTemplate transactions;

    BuyerSessions(JdbcClient jdbc, Clock clock, AccessProperties properties, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.clock = clock;
        this.properties = properties;
    }

    /** A new session: the only time {@code buyerToken} is ever available. */
    public record OpenedSession(String buyerToken, Instant expiresAt) {
        @Override
        public String toString() {
            return "OpenedSession[buyerToken=<redacted>, expiresAt=" + expiresAt + "]";
        }
    }

    public OpenedSession open() {
        Secrets.Issued issued = Secrets.issue(KIND);
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant expiresAt = now.plus(properties.buyerSessionTtl());
        transactions.executeWithoutResult(tx -> jdbc.sql(
                        "INSERT INTO buyer_sessions (id, secret_hash, created_at, expires_at) VALUES (:id, :hash, :now, :expires)")
                .param("id", issued.id()).param("hash", issued.hash())
                .param("now", ApiKeys.utc(now)).param("expires", ApiKeys.utc(expiresAt))
                .update());
        return new OpenedSession(issued.token(), expiresAt);
    }

    /** The buyer a presented token stands for; empty for a malformed, unknown or expired one. */
    Optional<Caller.Buyer> authenticate(String presented) {
        return Secrets.parse(KIND, presented).flatMap(token -> jdbc.sql(
                        "SELECT secret_hash FROM buyer_sessions WHERE id = :id AND expires_at > :now")
                .param("id", token.id()).param("now", ApiKeys.utc(clock.instant()))
                .query((rs, row) -> rs.getBytes(1)).optional()
                .filter(hash -> Secrets.matches(token.token(), hash))
                .map(hash -> new Caller.Buyer(token.id(), new TokenSeed(token.token()))));
    }

    /** Deletes up to {@code batchMax} sessions that expired before {@code before}; returns how many. */
    int deleteExpired(Instant before, int batchMax) {
        return jdbc.sql("""
                        DELETE FROM buyer_sessions WHERE id IN (
                            SELECT id FROM buyer_sessions WHERE expires_at < :before ORDER BY expires_at LIMIT :max)""")
                .param("before", ApiKeys.utc(before)).param("max", batchMax).update();
    }
}
