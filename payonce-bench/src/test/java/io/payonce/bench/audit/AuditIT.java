package io.payonce.bench.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.payonce.support.TestDatabase;
import io.payonce.bench.target.Database;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The audit against a real PostgreSQL with payonce's own schema: a consistent shop passes, and
 * each kind of damage a broken service could do (a second charge, a key delivered twice, a lost
 * key, a refund past the payment, an acknowledged order that never reached the database, a paid
 * trade left pending) fails exactly the invariant that guards against it.
 */
class AuditIT {

    private Database database;
    private Journal journal;

    @BeforeEach
    void consistentShop() throws SQLException {
        String url = TestDatabase.createDatabase();
        database = new Database(url, TestDatabase.user(), null);
        Flyway.configure().dataSource(url, TestDatabase.user(), null).locations("classpath:db/migration").load().migrate();
        execute("""
                INSERT INTO products (sku, name, kind, price, currency) VALUES ('sku-a', 'A', 'CARD_KEY', 1999, 'CNY');
                INSERT INTO orders (id, sku, kind, quantity, amount, currency, status, expires_at, paid_at, delivered_at, refunded_amount)
                  VALUES ('ord_1', 'sku-a', 'CARD_KEY', 1, 1999, 'CNY', 'PARTIALLY_REFUNDED', now() + interval '15 minutes', now(), now(), 500),
                         ('ord_2', 'sku-a', 'CARD_KEY', 1, 1999, 'CNY', 'PENDING_PAYMENT', now() + interval '15 minutes', NULL, NULL, 0),
                         ('ord_3', 'sku-a', 'CARD_KEY', 1, 1999, 'CNY', 'CANCELLED', now() + interval '15 minutes', NULL, NULL, 0);
                INSERT INTO card_keys (sku, code_digest, code_cipher, key_version, status, order_id) VALUES
                  ('sku-a', '\\x01', '\\x01', 1, 'DELIVERED', 'ord_1'), ('sku-a', '\\x02', '\\x02', 1, 'RESERVED', 'ord_2'),
                  ('sku-a', '\\x03', '\\x03', 1, 'AVAILABLE', NULL), ('sku-a', '\\x04', '\\x04', 1, 'AVAILABLE', NULL);
                INSERT INTO payments (id, order_id, channel, status, amount, currency, trade_no, succeeded_at) VALUES
                  ('pay_1', 'ord_1', 'alipay', 'SUCCEEDED', 1999, 'CNY', 'T1', now()),
                  ('pay_2', 'ord_2', 'alipay', 'PENDING', 1999, 'CNY', 'T2', NULL);
                INSERT INTO refunds (id, order_id, payment_id, amount, currency, status) VALUES ('ref_1', 'ord_1', 'pay_1', 500, 'CNY', 'SUCCEEDED');
                INSERT INTO ledger_entries (kind, order_id, payment_id, refund_id, amount, currency) VALUES
                  ('CHARGE', 'ord_1', 'pay_1', NULL, 1999, 'CNY'), ('REFUND', 'ord_1', 'pay_1', 'ref_1', 500, 'CNY');
                """);
        journal = new Journal();
        journal.keysImported("sku-a", 4);
        journal.orderAcknowledged("ord_1", new Journal.OrderAck("sku-a", 1, 1999));
        journal.orderAcknowledged("ord_2", new Journal.OrderAck("sku-a", 1, 1999));
        journal.paymentAcknowledged("pay_1", "ord_1");
        journal.paymentAcknowledged("pay_2", "ord_2");
        journal.paidAtGateway("pay_1");
        journal.refundAcknowledged("ref_1", new Journal.RefundAck("ord_1", 500));
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private Map<String, Check> audit() throws SQLException {
        return Audit.standard().run(database, journal).invariants().stream()
                .collect(Collectors.toMap(Check::name, Function.identity()));
    }

    private static void assertOnlyFailing(Map<String, Check> checks, String... failing) {
        assertThat(checks.values().stream().filter(check -> !check.passed()).map(Check::name))
                .containsExactlyInAnyOrder(failing);
    }

    @Test
    void a_consistent_shop_passes_every_invariant_and_each_one_checked_something() throws SQLException {
        Map<String, Check> checks = audit();

        assertOnlyFailing(checks);
        assertThat(checks.get("no payment charged twice").checked()).isEqualTo(1);
        assertThat(checks.get("stock conserved").checked()).isEqualTo(4);
        assertThat(checks.get("every acknowledged request durable").checked()).isEqualTo(5);
        assertThat(checks.get("refunds <= paid").checked()).isEqualTo(1);
        assertThat(checks.get("every paid trade applied").checked()).isEqualTo(1);
        assertThat(checks.get("no card key delivered twice").checked()).isEqualTo(1);
    }

    @Test
    void a_notification_applied_twice_fails_the_charge_invariants() throws SQLException {
        // What a service without the ledger's unique indexes would do on a repeated notification.
        execute("""
                DROP INDEX ledger_one_charge_per_payment; DROP INDEX ledger_one_charge_per_order;
                INSERT INTO ledger_entries (kind, order_id, payment_id, amount, currency) VALUES ('CHARGE', 'ord_1', 'pay_1', 1999, 'CNY');
                """);

        Map<String, Check> checks = audit();

        assertOnlyFailing(checks, "no payment charged twice", "no order paid twice", "every paid trade applied");
        assertThat(checks.get("no payment charged twice").examples()).containsExactly("pay_1 charged 2x, 3998 of 1999");
    }

    @Test
    void a_key_delivered_to_an_order_a_second_time_fails() throws SQLException {
        execute("UPDATE card_keys SET status = 'DELIVERED', order_id = 'ord_1' WHERE code_digest = '\\x03'");

        assertOnlyFailing(audit(), "no card key delivered twice");
    }

    @Test
    void a_key_kept_by_a_cancelled_order_or_lost_fails_stock_conservation() throws SQLException {
        execute("UPDATE card_keys SET status = 'RESERVED', order_id = 'ord_3' WHERE code_digest = '\\x03'");
        execute("DELETE FROM card_keys WHERE code_digest = '\\x04'");

        Check stock = audit().get("stock conserved");

        assertThat(stock.passed()).isFalse();
        assertThat(stock.violations()).isEqualTo(2);
    }

    @Test
    void refunds_past_the_paid_amount_fail() throws SQLException {
        execute("INSERT INTO refunds (id, order_id, payment_id, amount, currency, status) VALUES ('ref_2', 'ord_1', 'pay_1', 1600, 'CNY', 'PENDING')");

        assertOnlyFailing(audit(), "refunds <= paid");
    }

    @Test
    void an_acknowledged_order_missing_from_the_database_fails_durability() throws SQLException {
        journal.orderAcknowledged("ord_ghost", new Journal.OrderAck("sku-a", 1, 1999));

        Check durable = audit().get("every acknowledged request durable");

        assertThat(durable.passed()).isFalse();
        assertThat(durable.examples()).containsExactly("order ord_ghost");
    }

    @Test
    void a_trade_the_buyer_paid_but_the_service_never_applied_fails() throws SQLException {
        journal.paidAtGateway("pay_2");

        assertOnlyFailing(audit(), "every paid trade applied");
    }

    @Test
    void a_queued_order_left_without_its_turn_fails_and_a_turned_one_passes() throws SQLException {
        execute("""
                INSERT INTO orders (id, sku, kind, quantity, amount, currency, status, expires_at, refunded_amount, intake_seq, turn_at) VALUES
                  ('ord_q1', 'sku-a', 'CARD_KEY', 1, 1999, 'CNY', 'SOLD_OUT', now() + interval '15 minutes', 0, nextval('order_intake_seq'), now()),
                  ('ord_q2', 'sku-a', 'CARD_KEY', 1, 1999, 'CNY', 'QUEUED', now() + interval '15 minutes', 0, nextval('order_intake_seq'), NULL);
                """);

        Map<String, Check> checks = audit();

        assertOnlyFailing(checks, "every queued order got its turn");
        assertThat(checks.get("every queued order got its turn").checked()).isEqualTo(2);
        assertThat(checks.get("every queued order got its turn").examples()).singleElement().asString().startsWith("ord_q2 still QUEUED");
    }

    @Test
    void without_a_database_only_the_harness_invariants_run_and_the_rest_say_why() throws SQLException {
        Audit.Result result = Audit.standard().run(null, journal);

        assertThat(result.passed()).isTrue();
        assertThat(result.invariants()).filteredOn(check -> check.note() != null).hasSize(11)
                .allSatisfy(check -> assertThat(check.note()).contains("--db-url"));
    }
}
