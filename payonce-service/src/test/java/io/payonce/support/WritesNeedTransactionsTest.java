package io.payonce.support;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which statements the transaction guard treats as writes to payonce's tables. */
class WritesNeedTransactionsTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', nullValues = "none", value = {
            "INSERT INTO orders (id) VALUES (?)|orders",
            "  update payments SET status = ? WHERE id = ?|payments",
            "DELETE FROM idempotency_keys WHERE ctid = ANY (ARRAY(SELECT 1))|idempotency_keys",
            "WITH picked AS (SELECT id FROM card_keys) UPDATE card_keys SET status = 'RESERVED'|card_keys",
            "SELECT id FROM orders WHERE id = ? FOR UPDATE|none",
            "INSERT INTO shedlock (name) VALUES (?)|none",
            "UPDATE flyway_schema_history SET success = true|none",
    })
    void writes_to_payonce_tables_are_recognised_and_library_writes_are_not(String sql, String table) {
        assertThat(WritesNeedTransactions.writtenTable(sql)).isEqualTo(table);
    }
}
