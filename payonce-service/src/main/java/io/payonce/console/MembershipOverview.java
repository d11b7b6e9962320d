package io.payonce.console;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Calling systems and their members, for the console's membership page. */
@Service
public class MembershipOverview {

    public static final int LIMIT_MAX = 200;

    private final JdbcClient jdbc;

    MembershipOverview(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A calling system: {@code keyBits} null for the shop's own internal system, which signs nothing. */
    public record SystemRow(String systemId, Integer keyBits, java.time.Instant createdAt, long members) {
    }

    public record MemberRow(String systemId, String userId, java.time.Instant expiresAt, java.time.Instant updatedAt, long grants) {
    }

    public List<SystemRow> systems() {
        return jdbc.sql("""
                        SELECT s.system_id, s.key_bits, s.created_at, (SELECT count(*) FROM members m WHERE m.system_id = s.system_id)
                          FROM member_systems s ORDER BY s.created_at, s.system_id LIMIT :max""")
                .param("max", LIMIT_MAX)
                .query((rs, row) -> new SystemRow(rs.getString(1), rs.getObject(2, Integer.class),
                        OrderSearch.instant(rs, "created_at"), rs.getLong(4))).list();
    }

    /** Members of a system, most recently extended first; {@code userId} narrows to one. */
    public List<MemberRow> members(String systemId, String userId, int limit) {
        boolean one = userId != null && !userId.isBlank();
        JdbcClient.StatementSpec statement = jdbc.sql("""
                        SELECT m.system_id, m.user_id, m.expires_at, m.updated_at,
                               (SELECT count(*) FROM member_grants g WHERE g.member_id = m.id) AS grants
                          FROM members m WHERE m.system_id = :system""" + (one ? " AND m.user_id = :user" : "")
                        + " ORDER BY m.updated_at DESC LIMIT :limit")
                .param("system", systemId).param("limit", limit);
        if (one) {
            statement = statement.param("user", userId.strip());
        }
        return statement.query((rs, row) -> new MemberRow(rs.getString(1), rs.getString(2), OrderSearch.instant(rs, "expires_at"),
                OrderSearch.instant(rs, "updated_at"), rs.getLong(5))).list();
    }
}
