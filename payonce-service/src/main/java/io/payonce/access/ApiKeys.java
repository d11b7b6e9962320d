package io.payonce.access;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Merchant API keys: created with their scopes, shown once, stored as a SHA-256 hash, revoked for
 * good. The log names a key by its id, never by the key.
 */
@Service
public class ApiKeys {

    static final String KIND = "pk";
    /** A label is a reminder for people ("shop backend"), not a document. */
    public static final int LABEL_CHARS_MAX = 100;
    /** Listing is for people: past this many keys, the oldest are left off. */
    private static final int LIST_MAX = 1_000;
    private static final Logger log = LoggerFactory.getLogger(ApiKeys.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;

    ApiKeys(JdbcClient jdbc, TransactionTemplate transactions, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** A key as lists show it: no secret. */
    public record KeyInfo(String id, String prefix, List<String> scopes, String label, Instant createdAt, Instant revokedAt) {
    }

    /** A new key: the only time {@code key} is ever available. */
    public record CreatedKey(KeyInfo info, String key) {
        @Override
        public String toString() {
            return "CreatedKey[" + info + ", key=<redacted>]";
        }
    }

    public CreatedKey create(Set<Scope> scopes, String label) {
        if (scopes.isEmpty()) {
            throw new IllegalArgumentException("A key needs at least one scope");
        }
        Secrets.Issued issued = Secrets.issue(KIND);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        transactions.executeWithoutResult(tx -> jdbc.sql(
                        "INSERT INTO api_keys (id, secret_hash, scopes, label, created_at) VALUES (:id, :hash, :scopes, :label, :now)")
                .param("id", issued.id()).param("hash", issued.hash()).param("scopes", Scope.format(scopes))
                .param("label", label).param("now", utc(now))
                .update());
        log.info("API key {} created with scopes [{}]", issued.id(), Scope.format(scopes));
        return new CreatedKey(info(issued.id(), Scope.format(scopes), label, now, null), issued.token());
    }

    public List<KeyInfo> list() {
        return jdbc.sql("SELECT id, scopes, label, created_at, revoked_at FROM api_keys ORDER BY created_at DESC, id LIMIT :max")
                .param("max", LIST_MAX)
                .query(ApiKeys::info).list();
    }

    /** Revokes a key for good; revoking it again changes nothing. Empty for an unknown id. */
    public Optional<KeyInfo> revoke(String id) {
        int revoked = transactions.execute(tx -> jdbc.sql("UPDATE api_keys SET revoked_at = :now WHERE id = :id AND revoked_at IS NULL")
                .param("now", utc(clock.instant())).param("id", id).update());
        if (revoked == 1) {
            log.info("API key {} revoked", id);
        }
        return jdbc.sql("SELECT id, scopes, label, created_at, revoked_at FROM api_keys WHERE id = :id")
                .param("id", id).query(ApiKeys::info).optional();
    }

    /** The caller a presented key stands for; empty for a malformed, unknown or revoked key. */
    Optional<Caller.ApiKey> authenticate(String presented) {
        return Secrets.parse(KIND, presented).flatMap(token -> jdbc.sql(
                        "SELECT secret_hash, scopes FROM api_keys WHERE id = :id AND revoked_at IS NULL")
                .param("id", token.id())
                .query((rs, row) -> Secrets.matches(token.token(), rs.getBytes("secret_hash"))
                        ? Optional.of(new Caller.ApiKey(token.id(), Scope.parseStored(rs.getString("scopes")), new TokenSeed(token.token())))
                        : Optional.<Caller.ApiKey>empty())
                .optional().flatMap(found -> found));
    }

    private static KeyInfo info(ResultSet rs, int row) throws SQLException {
        Timestamp revoked = rs.getTimestamp("revoked_at");
        return info(rs.getString("id"), rs.getString("scopes"), rs.getString("label"), rs.getTimestamp("created_at").toInstant(),
                revoked == null ? null : revoked.toInstant());
    }

    private static KeyInfo info(String id, String scopes, String label, Instant createdAt, Instant revokedAt) {
        List<String> names = Scope.parseStored(scopes).stream().map(Scope::wireName).toList();
        return new KeyInfo(id, KIND + "_" + id, names, label, createdAt, revokedAt);
    }

    static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
