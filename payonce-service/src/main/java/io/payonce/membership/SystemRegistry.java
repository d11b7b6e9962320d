package io.payonce.membership;

import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.payonce.common.Refusal;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The calling systems and their public keys. A system's key never changes once registered
 * (there is no rotation endpoint), so verified keys are cached without expiry; the cache holds
 * only registered systems, so unknown systemIds cannot grow it.
 */
@Service
public class SystemRegistry {

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final MemberRepository members;
    private final Clock clock;
    private final ConcurrentHashMap<String, RSAPublicKey> keys = new ConcurrentHashMap<>();

    SystemRegistry(JdbcClient jdbc, MemberRepository members, TransactionTemplate transactions, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.members = members;
        this.clock = clock;
    }

    /** Registers a system; 400 for a key that is not an acceptable RSA public key, 409 when the systemId exists. */
    public RegisteredSystem register(String systemId, String publicKeyPem) {
        RSAPublicKey key;
        try {
            key = RsaKeys.parsePublicPem(publicKeyPem);
        } catch (IllegalArgumentException e) {
            throw new Refusal(Refusal.Reason.INVALID_REQUEST, e.getMessage());
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        int inserted = transactions.execute(tx -> jdbc.sql("""
                        INSERT INTO member_systems (system_id, public_key_der, key_bits, created_at)
                        VALUES (:systemId, :der, :bits, :now) ON CONFLICT (system_id) DO NOTHING""")
                .param("systemId", systemId).param("der", key.getEncoded()).param("bits", RsaKeys.bits(key))
                .param("now", MemberRepository.utc(now))
                .update());
        if (inserted == 0) {
            throw new Refusal(Refusal.Reason.SYSTEM_EXISTS, "A system '" + systemId + "' is registered already");
        }
        return new RegisteredSystem(systemId, RsaKeys.bits(key), RsaKeys.fingerprint(key), now);
    }

    /** The key a system signs with; empty for an unknown system or one that cannot sign (the shop). */
    Optional<RSAPublicKey> signingKey(String systemId) {
        RSAPublicKey cached = keys.get(systemId);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<RSAPublicKey> loaded = jdbc.sql("SELECT public_key_der FROM member_systems WHERE system_id = :systemId AND public_key_der IS NOT NULL")
                .param("systemId", systemId)
                .query((rs, row) -> RsaKeys.checkedPublicKey(rs.getBytes(1)))
                .optional();
        loaded.ifPresent(key -> keys.put(systemId, key));
        return loaded;
    }

    /** Creates members {@code prefix1..prefixN} of a system, each active for {@code days}; existing ones are left alone. */
    public SeedResult seed(String systemId, int count, int days, String userIdPrefix) {
        return transactions.execute(tx -> seedInTransaction(systemId, count, days, userIdPrefix));
    }

    private SeedResult seedInTransaction(String systemId, int count, int days, String userIdPrefix) {
        boolean known = jdbc.sql("SELECT EXISTS (SELECT 1 FROM member_systems WHERE system_id = :systemId)")
                .param("systemId", systemId).query(Boolean.class).single();
        if (!known) {
            throw new Refusal(Refusal.Reason.SYSTEM_NOT_FOUND, "No system '" + systemId + "' is registered");
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        int created = members.seedMembers(systemId, userIdPrefix, count, now.plus(Duration.ofDays(days)), now);
        return new SeedResult(systemId, count, created, count - created, userIdPrefix + 1, userIdPrefix + count);
    }

    /** A registered system, as the admin API shows it. */
    public record RegisteredSystem(String systemId, int keyBits, String keyFingerprintSha256, Instant createdAt) {
    }

    /** The outcome of seeding: how many users were asked for, created, and already there. */
    public record SeedResult(String systemId, int requested, int created, int existing, String firstUserId, String lastUserId) {
    }
}
