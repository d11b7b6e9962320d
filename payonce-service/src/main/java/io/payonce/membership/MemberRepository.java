package io.payonce.membership;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Members, their grants and the nonces of signed requests, in explicit SQL. */
@Repository
public class MemberRepository {

    private final JdbcClient jdbc;

    MemberRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records a nonce; false when the system has used it already (the primary key decides). */
    boolean claimNonce(String systemId, String nonce, Instant seenAt) {
        return jdbc.sql("""
                        INSERT INTO member_nonces (system_id, nonce, seen_at) VALUES (:systemId, :nonce, :seenAt)
                        ON CONFLICT (system_id, nonce) DO NOTHING""")
                .param("systemId", systemId).param("nonce", nonce).param("seenAt", utc(seenAt))
                .update() == 1;
    }

    boolean nonceSeen(String systemId, String nonce) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM member_nonces WHERE system_id = :systemId AND nonce = :nonce)")
                .param("systemId", systemId).param("nonce", nonce)
                .query(Boolean.class).single();
    }

    /** Deletes up to {@code batch} nonces seen before {@code cutoff}; returns how many. */
    int purgeNonces(Instant cutoff, int batch) {
        return jdbc.sql("""
                        DELETE FROM member_nonces WHERE ctid IN (
                            SELECT ctid FROM member_nonces WHERE seen_at < :cutoff LIMIT :batch)""")
                .param("cutoff", utc(cutoff)).param("batch", batch)
                .update();
    }

    /**
     * Claims the order for this grant: true for the first caller. A concurrent caller with the
     * same order blocks here on the primary key until the first commits (then gets false) or rolls
     * back (then gets true and goes on as the first).
     */
    boolean claimGrant(GrantCommand command, String source, Instant now) {
        return jdbc.sql("""
                        INSERT INTO member_grants (system_id, order_no, user_id, days, source, created_at)
                        VALUES (:systemId, :orderNo, :userId, :days, :source, :now)
                        ON CONFLICT (system_id, order_no) DO NOTHING""")
                .param("systemId", command.systemId()).param("orderNo", command.orderNo())
                .param("userId", command.userId()).param("days", command.days())
                .param("source", source).param("now", utc(now))
                .update() == 1;
    }

    /** The stored answer of an order's grant, with the days it granted, once it has committed. */
    Optional<StoredGrant> findGrant(String systemId, String orderNo) {
        return jdbc.sql("""
                        SELECT member_id, system_id, user_id, expires_at_after, days FROM member_grants
                        WHERE system_id = :systemId AND order_no = :orderNo AND member_id IS NOT NULL""")
                .param("systemId", systemId).param("orderNo", orderNo)
                .query((rs, row) -> new StoredGrant(new MemberGrant(rs.getString("member_id"), rs.getString("system_id"),
                        rs.getString("user_id"), instant(rs, "expires_at_after")), rs.getInt("days")))
                .optional();
    }

    /** Gives up a grant claimed in this transaction that could not be applied, so it leaves no row. */
    void releaseGrant(GrantCommand command) {
        jdbc.sql("DELETE FROM member_grants WHERE system_id = :systemId AND order_no = :orderNo AND member_id IS NULL")
                .param("systemId", command.systemId()).param("orderNo", command.orderNo())
                .update();
    }

    /**
     * Creates the member or extends it, in one statement: {@code expires_at = max(expires_at, now) + days}
     * computed under the row lock the upsert takes, so concurrent extensions of one member queue
     * and each adds its days to the previous one's result; none can be lost. Days are added as
     * 24-hour periods (an interval of hours), so a daylight-saving change in the session's time
     * zone cannot make a day 23 or 25 hours long.
     * <p>
     * Empty, and nothing written, when the member's expiry is past {@code latestStart}: the days
     * would carry it past the expiry horizon. The bound is checked under the same row lock as the
     * write, so concurrent orders cannot pass it together; the caller keeps {@code now + days}
     * itself within the horizon, so no timestamp arithmetic here can overflow.
     */
    Optional<Extension> extend(String systemId, String userId, int days, Instant now, Instant latestStart) {
        return jdbc.sql("""
                        INSERT INTO members (system_id, user_id, expires_at, created_at, updated_at)
                        VALUES (:systemId, :userId, :now + make_interval(hours => 24 * :days), :now, :now)
                        ON CONFLICT (system_id, user_id) DO UPDATE
                        SET expires_at = GREATEST(members.expires_at, :now) + make_interval(hours => 24 * :days),
                            updated_at = :now
                        WHERE members.expires_at <= :latestStart
                        RETURNING id, expires_at, (xmax = 0) AS created""")
                .param("systemId", systemId).param("userId", userId).param("days", days).param("now", utc(now))
                .param("latestStart", utc(latestStart))
                .query((rs, row) -> new Extension(rs.getString("id"), instant(rs, "expires_at"), rs.getBoolean("created")))
                .optional();
    }

    /** Stores the grant's answer on its row, so every later call with the order gets exactly it. */
    void recordAnswer(GrantCommand command, Extension extension, Long lockToken) {
        jdbc.sql("""
                        UPDATE member_grants SET member_id = :memberId, expires_at_after = :expiresAt, lock_token = :lockToken
                        WHERE system_id = :systemId AND order_no = :orderNo""")
                .param("memberId", extension.memberId()).param("expiresAt", utc(extension.expiresAt()))
                .param("lockToken", lockToken)
                .param("systemId", command.systemId()).param("orderNo", command.orderNo())
                .update();
    }

    Optional<Member> findMember(String systemId, String userId) {
        return jdbc.sql("SELECT id, system_id, user_id, expires_at FROM members WHERE system_id = :systemId AND user_id = :userId")
                .param("systemId", systemId).param("userId", userId)
                .query((rs, row) -> new Member(rs.getString("id"), rs.getString("system_id"), rs.getString("user_id"),
                        instant(rs, "expires_at")))
                .optional();
    }

    /**
     * Creates members {@code prefix1 .. prefixN} that do not exist yet, all expiring at
     * {@code expiresAt}, in one set-based statement; returns how many it created.
     */
    int seedMembers(String systemId, String userIdPrefix, int count, Instant expiresAt, Instant now) {
        return jdbc.sql("""
                        INSERT INTO members (system_id, user_id, expires_at, created_at, updated_at)
                        SELECT :systemId, :prefix || n, :expiresAt, :now, :now FROM generate_series(1, :count) AS n
                        ON CONFLICT (system_id, user_id) DO NOTHING""")
                .param("systemId", systemId).param("prefix", userIdPrefix).param("count", count)
                .param("expiresAt", utc(expiresAt)).param("now", utc(now))
                .update();
    }

    /** What one upsert left: the member, its new expiry, and whether it was created. */
    record Extension(String memberId, Instant expiresAt, boolean created) {
    }

    /** A committed grant: its answer and the days it granted. */
    record StoredGrant(MemberGrant answer, int days) {

        /** Whether a request with this order asks for the same thing: the same user and days. */
        boolean sameTerms(GrantCommand command) {
            return answer.userId().equals(command.userId()) && days == command.days();
        }
    }

    /** A membership as stored. */
    public record Member(String memberId, String systemId, String userId, Instant expiresAt) {
    }

    static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }
}
