package io.payonce;

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
 * forgets its transaction cannot pass the suite.
 */
@IntegrationTest
class TransactionStyleIT {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    Orders orders;

    @Test
    void a_write_outside_a_transaction_fails_and_changes_nothing() {
        long before = productCount();

        assertThatThrownBy(() -> insertProduct("outside-tx"))
                .hasRootCauseInstanceOf(WritesNeedTransactions.WriteOutsideTransaction.class);

        assertThat(productCount()).isEqualTo(before);
    }

    @Test
    void the_same_write_inside_a_transaction_commits() {
        long before = productCount();

        transactions.executeWithoutResult(tx -> insertProduct("inside-tx"));

        assertThat(productCount()).isEqualTo(before + 1);
    }

    @Test
    void a_domain_method_called_without_a_transaction_is_refused_before_it_touches_the_database() {
        assertThatThrownBy(() -> orders.lock("ord_none")).isInstanceOf(IllegalTransactionStateException.class);
        assertThatThrownBy(() -> orders.markPaid("ord_none", java.time.Instant.now()))
                .isInstanceOf(IllegalTransactionStateException.class);
    }

    private void insertProduct(String sku) {
        jdbc.sql("INSERT INTO products (sku, name, kind, price, currency) VALUES (?, 'n', 'CARD_KEY', 1, 'CNY')")
                .param(sku).update();
    }

    private long productCount() {
        return jdbc.sql("SELECT count(*) FROM products").query(Long.class).single();
    }
}
