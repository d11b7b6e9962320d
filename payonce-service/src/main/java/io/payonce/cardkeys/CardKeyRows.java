package io.payonce.cardkeys;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
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

    /** An encrypted code ready to store under its reserved id: its HMAC digest and its AES-GCM IV || ciphertext. */
    record Sealed(long id, byte[] digest, byte[] cipher) {
    }

    /** A stored code as the cipher needs it: where it belongs and which key version sealed it. */
    record Stored(long id, String sku, int keyVersion, byte[] cipher) {
    }

    /** A stored code sealed again under {@code toVersion}, to be written only if the row is still at {@code fromVersion}. */
    record Resealed(long id, int fromVersion, int toVersion, byte[] digest, byte[] cipher) {
    }

    private final JdbcClient jdbc;

    CardKeyRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Takes {@code count} ids from the table's sequence before the rows exist, so each code can be
     * sealed bound to its own row. Ids of codes then skipped as duplicates are simply never used.
     */
    List<Long> nextIds(int count) {
        return jdbc.sql("SELECT nextval(pg_get_serial_sequence('card_keys', 'id')) FROM generate_series(1, ?)")
                .param(count)
                .query(Long.class)
                .list();
    }

    /** Which of these digests some row already has. */
    List<byte[]> existingDigests(List<byte[]> digests) {
        return jdbc.sql("SELECT code_digest FROM card_keys WHERE code_digest = ANY (?)")
                .param(byteaArray(digests))
                .query(byte[].class)
                .list();
    }

    /** Stores all rows in one statement; a digest already present (any sku) is skipped. Returns rows stored. */
    int insertNew(String sku, int keyVersion, List<Sealed> rows) {
        return jdbc.sql("""
                        INSERT INTO card_keys (id, sku, code_digest, code_cipher, key_version)
                        SELECT id, ?, digest, cipher, ?
                        FROM unnest(?::bigint[], ?::bytea[], ?::bytea[]) WITH ORDINALITY AS t(id, digest, cipher, n)
                        ORDER BY n
                        ON CONFLICT (code_digest) DO NOTHING""")
                .params(sku, keyVersion, rows.stream().map(Sealed::id).toArray(Long[]::new),
                        byteaArray(rows.stream().map(Sealed::digest).toList()),
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

    List<Stored> deliveredCiphers(String orderId) {
        return jdbc.sql("SELECT id, sku, key_version, code_cipher FROM card_keys WHERE order_id = ? AND status = 'DELIVERED' ORDER BY id")
                .param(orderId)
                .query(CardKeyRows::stored)
                .list();
    }

    /**
     * Up to {@code limit} rows sealed under a version older than {@code version}, locked, except
     * the {@code passedOver} ones (found unreadable, at most a bounded few). SKIP
     * LOCKED: rows an order holds are left for a later batch, so a rotation never waits for (or
     * deadlocks with) an order; an order may wait for a batch, which holds its rows for milliseconds.
     */
    List<Stored> lockOlderThan(int version, int limit, Collection<Long> passedOver) {
        return jdbc.sql("""
                        SELECT id, sku, key_version, code_cipher FROM card_keys
                        WHERE key_version < ? AND NOT (id = ANY (?))
                        ORDER BY key_version, id LIMIT ? FOR UPDATE SKIP LOCKED""")
                .params(version, passedOver.toArray(Long[]::new), limit)
                .query(CardKeyRows::stored)
                .list();
    }

    /** Writes each resealed row whose version is still the one it was read at; returns rows written. */
    int reseal(List<Resealed> rows) {
        return jdbc.sql("""
                        UPDATE card_keys k SET code_cipher = t.cipher, code_digest = t.digest, key_version = t.to_version
                        FROM unnest(?::bigint[], ?::int[], ?::int[], ?::bytea[], ?::bytea[]) AS t(id, from_version, to_version, digest, cipher)
                        WHERE k.id = t.id AND k.key_version = t.from_version""")
                .params(rows.stream().map(Resealed::id).toArray(Long[]::new),
                        rows.stream().map(Resealed::fromVersion).toArray(Integer[]::new),
                        rows.stream().map(Resealed::toVersion).toArray(Integer[]::new),
                        byteaArray(rows.stream().map(Resealed::digest).toList()),
                        byteaArray(rows.stream().map(Resealed::cipher).toList()))
                .update();
    }

    long countOlderThan(int version) {
        return jdbc.sql("SELECT count(*) FROM card_keys WHERE key_version < ?").param(version).query(Long.class).single();
    }

    /** Rows per key version, for the rotation's report. */
    Map<Integer, Long> countByKeyVersion() {
        return jdbc.sql("SELECT key_version, count(*) FROM card_keys GROUP BY key_version")
                .query((rs, row) -> Map.entry(rs.getInt(1), rs.getLong(2)))
                .list().stream()
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private static Stored stored(ResultSet rs, int row) throws SQLException {
        return new Stored(rs.getLong("id"), rs.getString("sku"), rs.getInt("key_version"), rs.getBytes("code_cipher"));
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
        return countBySku("AVAILABLE");
    }

    /** Keys held by orders waiting for payment: the units reserved but unpaid. */
    Map<String, Long> countReservedBySku() {
        return countBySku("RESERVED");
    }

    private Map<String, Long> countBySku(String status) {
        // The status is written into the SQL so that PostgreSQL picks the partial index of that status.
        return jdbc.sql("SELECT sku, count(*) AS keys FROM card_keys WHERE status = '" + status + "' GROUP BY sku")
                .query((rs, row) -> Map.entry(rs.getString("sku"), rs.getLong("keys")))
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
