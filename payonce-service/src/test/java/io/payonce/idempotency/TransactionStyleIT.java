package io.payonce.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.payonce.orders.Orders;
import io.payonce.support.IntegrationTest;
import io.payonce.support.WritesNeedTransactions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one transaction style (docs/architecture.md): the application layer begins transactions
 * with {@link TransactionTemplate}; domain services demand one (MANDATORY); and in every test a
 * write outside a transaction fails ({@link WritesNeedTransactions}), so a new write path that
 * forgets its transaction cannot pass the suite. (It lives here to reach the package-private
 * {@link IdempotencyStore}, whose claim the executor always wraps in a transaction.)
 */
@IntegrationTest
class TransactionStyleIT {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    Orders orders;
    @Autowired
    IdempotencyStore store;

    @Test
    void a_repository_write_outside_a_transaction_fails_and_changes_nothing() {
        long before = keyCount();

        assertThatThrownBy(() -> store.claim(request("outside-tx")))
                .hasRootCauseInstanceOf(WritesNeedTransactions.WriteOutsideTransaction.class);

        assertThat(keyCount()).isEqualTo(before);
    }

    @Test
    void the_same_write_inside_a_transaction_commits() {
        long before = keyCount();

        transactions.execute(tx -> store.claim(request("inside-tx")));

        assertThat(keyCount()).isEqualTo(before + 1);
    }

    @Test
    void a_domain_method_called_without_a_transaction_is_refused_before_it_touches_the_database() {
        assertThatThrownBy(() -> orders.lock("ord_none")).isInstanceOf(IllegalTransactionStateException.class);
        assertThatThrownBy(() -> orders.markPaid("ord_none", java.time.Instant.now()))
                .isInstanceOf(IllegalTransactionStateException.class);
    }

    private static IdempotentRequest request(String key) {
        return new IdempotentRequest("TransactionStyleIT", key, new byte[32]);
    }

    private long keyCount() {
        return jdbc.sql("SELECT count(*) FROM idempotency_keys").query(Long.class).single();
    }
}
