package io.payonce.access;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The owner's console sessions: {@code os_<id>_<secret>}, held by the browser in an HttpOnly cookie,
 * stored as a hash with an absolute expiry. Each session's CSRF token is derived from its secret
 * (HMAC-SHA256), so only a holder of the cookie's value, i.e. the server, can compute it, and the
 * page learns it from a same-origin read.
 */
@Service
public class OwnerSessions {

    static final String KIND = "os";
    private static final byte[] CSRF_LABEL = "payonce-console-csrf".getBytes(StandardCharsets.UTF_8);

    private final JdbcClient jdbc;
    private final Clock clock;
    private final ConsoleProperties properties;
    private final TransactionTemplate transactions;

    OwnerSessions(JdbcClient jdbc, Clock clock, ConsoleProperties properties, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.properties = properties;
        this.transactions = transactions;
    }

    /** A session just opened: the only time its token exists outside the browser's cookie. */
    public record Opened(String account, String token, String csrfToken, Instant expiresAt) {
        @Override
        public String toString() {
            return "Opened[account=" + account + ", token=<redacted>, csrfToken=<redacted>, expiresAt=" + expiresAt + "]";
        }
    }

    /** A live session as the console shows it (never its token). */
    public record Current(Caller.Owner owner, String csrfToken, Instant expiresAt) {
        @Override
        public String toString() {
            return "Current[owner=" + owner + ", csrfToken=<redacted>, expiresAt=" + expiresAt + "]";
        }
    }

    Opened open(String account, String clientIp) {
        Secrets.Issued issued = Secrets.issue(KIND);
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant expiresAt = now.plus(properties.sessionTtl());
        transactions.executeWithoutResult(tx -> jdbc.sql("""
                        INSERT INTO owner_sessions (id, account, secret_hash, client_ip, created_at, expires_at)
                        VALUES (:id, :account, :hash, :ip, :now, :expires)""")
                .param("id", issued.id()).param("account", account).param("hash", issued.hash())
                .param("ip", clientIp == null || clientIp.length() > 64 ? null : clientIp)
                .param("now", ApiKeys.utc(now)).param("expires", ApiKeys.utc(expiresAt)).update());
        return new Opened(account, issued.token(), csrfTokenOf(issued.token()), expiresAt);
    }

    /** The session a cookie's value stands for; empty for a malformed, unknown, ended or expired one. */
    public Optional<Current> current(String presented) {
        return Secrets.parse(KIND, presented).flatMap(token -> jdbc.sql(
                        "SELECT account, secret_hash, expires_at FROM owner_sessions WHERE id = :id AND expires_at > :now")
                .param("id", token.id()).param("now", ApiKeys.utc(clock.instant()))
                .query((rs, row) -> new Row(rs.getString(1), rs.getBytes(2), rs.getObject(3, java.time.OffsetDateTime.class).toInstant()))
                .optional()
                .filter(row -> Secrets.matches(token.token(), row.hash()))
                .map(row -> new Current(new Caller.Owner(row.account(), token.id()), csrfTokenOf(token.token()), row.expiresAt())));
    }

    /** Ends the session a cookie's value stands for; nothing for one that does not exist. */
    public void close(String presented) {
        current(presented).ifPresent(session -> transactions.executeWithoutResult(tx -> jdbc.sql(
                "DELETE FROM owner_sessions WHERE id = :id").param("id", session.owner().sessionId()).update()));
    }

    /** Deletes up to {@code batchMax} sessions that expired before {@code before}; returns how many. */
    int deleteExpired(Instant before, int batchMax) {
        return jdbc.sql("""
                        DELETE FROM owner_sessions WHERE id IN (
                            SELECT id FROM owner_sessions WHERE expires_at < :before ORDER BY expires_at LIMIT :max)""")
                .param("before", ApiKeys.utc(before)).param("max", batchMax).update();
    }

    static String csrfTokenOf(String sessionToken) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(sessionToken.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(CSRF_LABEL));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Every JDK has HmacSHA256", e);
        }
    }

    private record Row(String account, byte[] hash, Instant expiresAt) {
    }
}
