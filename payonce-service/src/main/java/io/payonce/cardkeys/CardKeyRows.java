package io.payonce.cardkeys;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.SqlTypeValue;
import org.springframework.jdbc.core.support.AbstractSqlTypeValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code card_keys} table, with explicit SQL. Every statement runs in the caller's transaction.
 * The table's CHECK ties {@code status} to {@code order_id} (AVAILABLE exactly when no order), so
 * a key can never belong to two orders whatever the code above does.
 */
@Repository
class CardKeyRows {

    /** An encrypted code ready to store: its HMAC digest and its AES-GCM IV || ciphertext. */
    record Sealed(byte[] digest, byte[] cipher) {
    }

    private final JdbcClient jdbc;

    CardKeyRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores all rows in one statement; a digest already present (any sku) is skipped. Returns rows stored. */
    int insertNew(String sku, List<Sealed> rows) {
        return jdbc.sql("""
                        INSERT INTO card_keys (sku, code_digest, code_cipher)
                        SELECT ?, digest, cipher FROM unnest(?::bytea[], ?::bytea[]) WITH ORDINALITY AS t(digest, cipher, n)
                        ORDER BY n
                        ON CONFLICT (code_digest) DO NOTHING""")
                .params(sku, byteaArray(rows.stream().map(Sealed::digest).toList()),
                        byteaArray(rows.stream().map(Sealed::cipher).toList()))
                .update();
    }

    /**
     * Reserves up to {@code quantity} available keys, lowest id first, skipping rows other
     * transactions hold instead of waiting for them. Returns how many it reserved.
     */
    int reserveSkippingLocked(String orderId, String sku, int quantity) {
        return reserve(orderId, sku, quantity, "FOR UPDATE SKIP LOCKED");
    }

    /**
     * Reserves up to {@code quantity} available keys, lowest id first, waiting for rows other
     * transactions hold: when they commit the row is re-checked and passed over, when they roll
     * back it is taken. Returns how many it reserved.
     */
    int reserveWaiting(String orderId, String sku, int quantity) {
        return reserve(orderId, sku, quantity, "FOR UPDATE");
    }

    private int reserve(String orderId, String sku, int quantity, String lockClause) {
        // The locking SELECT re-checks status = 'AVAILABLE' on the newest row version after any
        // wait, and the UPDATE checks it again: a row reserved by a committed transaction is
        // never taken a second time.
        return jdbc.sql("""
                        WITH picked AS (
                            SELECT id FROM card_keys WHERE sku = ? AND status = 'AVAILABLE'
                            ORDER BY id LIMIT ? %s)
                        UPDATE card_keys k SET status = 'RESERVED', order_id = ?
                        FROM picked WHERE k.id = picked.id AND k.status = 'AVAILABLE'""".formatted(lockClause))
                .params(sku, quantity, orderId)
                .update();
    }

    int markDelivered(String orderId) {
        return jdbc.sql("UPDATE card_keys SET status = 'DELIVERED' WHERE order_id = ? AND status = 'RESERVED'")
                .param(orderId)
                .update();
    }

    int release(String orderId) {
        return jdbc.sql("UPDATE card_keys SET status = 'AVAILABLE', order_id = NULL WHERE order_id = ? AND status = 'RESERVED'")
                .param(orderId)
                .update();
    }

    List<byte[]> deliveredCiphers(String orderId) {
        return jdbc.sql("SELECT code_cipher FROM card_keys WHERE order_id = ? AND status = 'DELIVERED' ORDER BY id")
                .param(orderId)
                .query((rs, row) -> rs.getBytes(1))
                .list();
    }

    /** Committed available keys (plus this transaction's own changes), including rows others hold now. */
    long countAvailable(String sku) {
        return jdbc.sql("SELECT count(*) FROM card_keys WHERE sku = ? AND status = 'AVAILABLE'")
                .param(sku)
                .query(Long.class)
                .single();
    }

    /** Available keys per sku in one pass over the partial index; skus without any are absent. */
    Map<String, Long> countAvailableBySku() {
        return jdbc.sql("SELECT sku, count(*) AS available FROM card_keys WHERE status = 'AVAILABLE' GROUP BY sku")
                .query((rs, row) -> Map.entry(rs.getString("sku"), rs.getLong("available")))
                .list().stream()
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private static SqlTypeValue byteaArray(List<byte[]> values) {
        return new AbstractSqlTypeValue() {
            @Override
            protected Object createTypeValue(Connection connection, int sqlType, String typeName) throws SQLException {
                return connection.createArrayOf("bytea", values.toArray(byte[][]::new));
            }
        };
    }
}
