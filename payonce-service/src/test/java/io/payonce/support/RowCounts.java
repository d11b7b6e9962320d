package io.payonce.support;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * How many rows each table that money, stock or credentials live in holds: a security test takes
 * one before the attack and asserts the same one after it.
 */
public final class RowCounts {

    private static final List<String> TABLES = List.of("orders", "payments", "refunds", "ledger_entries", "idempotency_keys",
            "order_tokens", "api_keys", "buyer_sessions", "members", "member_grants", "member_systems",
            "products");

    private RowCounts() {
    }

    /** Every table's row count, and the card keys by status (a reserved or delivered key is a change too). */
    public static Map<String, Long> of(JdbcClient jdbc) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : TABLES) {
            counts.put(table, jdbc.sql("SELECT count(*) FROM " + table).query(Long.class).single());
        }
        jdbc.sql("SELECT status, count(*) AS n FROM card_keys GROUP BY status ORDER BY status")
                .query((rs, row) -> counts.put("card_keys." + rs.getString("status"), rs.getLong("n"))).list();
        return counts;
    }
}
