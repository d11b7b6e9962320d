package io.payonce.support;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stands for time passing on the database's clock, which is what measures idempotency leases:
 * the key's lease ends now, as it would 30 s after its request died.
 */
public final class Leases {

    private Leases() {
    }

    public static void runOut(TransactionTemplate transactions, JdbcClient jdbc, String idempotencyKey) {
        int leased = transactions.execute(tx -> jdbc.sql("UPDATE idempotency_keys SET locked_until = now() - interval '1 millisecond'"
                        + " WHERE idem_key = ? AND state = 'IN_FLIGHT'")
                .param(idempotencyKey).update());
        if (leased != 1) {
            throw new AssertionError("Expected one in-flight claim of key " + idempotencyKey + ", found " + leased);
        }
    }
}
