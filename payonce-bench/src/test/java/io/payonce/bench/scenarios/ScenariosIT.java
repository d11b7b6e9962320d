package io.payonce.bench.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.payonce.bench.Bench;
import io.payonce.bench.audit.Check;
import io.payonce.bench.results.Summary;
import io.payonce.bench.support.BenchService;
import io.payonce.bench.target.GatewayKill;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every scenario, for a few seconds, against a real payonce: the load runs, the service settles,
 * and the audit passes with every invariant the scenario exercises actually checking something.
 */
class ScenariosIT {

    private static BenchService service;

    @TempDir
    Path out;

    @BeforeAll
    static void startService() throws Exception {
        service = BenchService.start();
    }

    @AfterAll
    static void stopService() throws Exception {
        service.close();
    }

    private Summary run(String scenario, double rate) throws Exception {
        Bench.Outcome outcome = service.run(scenario, rate, 3, BenchService.options(50, 20, 2_000), out);
        assertThat(out.resolve("summary.json")).exists();
        assertThat(out.resolve("report.html")).exists();
        return outcome.summary();
    }

    private static Map<String, Check> checks(Summary summary) {
        return summary.audit().invariants().stream().collect(Collectors.toMap(Check::name, Function.identity()));
    }

    private static void assertPassedAndChecked(Summary summary, String... exercised) {
        Map<String, Check> checks = checks(summary);
        assertThat(summary.audit().invariants()).allSatisfy(check -> assertThat(check.passed()).as(check.name() + " " + check.examples()).isTrue());
        for (String name : exercised) {
            assertThat(checks.get(name).checked()).as(name + " checked something").isPositive();
        }
        assertThat(summary.requests()).isPositive();
    }

    @Test
    void member_renew_applies_every_signed_renewal_exactly_once() throws Exception {
        Summary summary = run("member-renew", 20);

        assertPassedAndChecked(summary, "membership expiry = start + granted days", "renewals applied as sent",
                "every acknowledged renewal durable");
        assertThat(summary.errorsByCause()).isEmpty();
        assertThat(summary.operations()).containsOnlyKeys("renew");
        // The summary says what the database's commits were worth, as the database itself reports it.
        assertThat(summary.database().version()).matches("\\d+\\.\\d+.*");
        assertThat(summary.database().fsync()).isIn("on", "off");
        assertThat(summary.database().durable()).isEqualTo(summary.database().fsync().equals("on")
                && !summary.database().synchronousCommit().equals("off"));
    }

    @Test
    void duplicate_storm_makes_one_order_and_one_charge_per_key_with_identical_replays() throws Exception {
        Summary summary = run("duplicate-storm", 5);

        assertPassedAndChecked(summary, "no payment charged twice", "no order paid twice", "every acknowledged request durable",
                "every paid trade applied", "replays identical");
        assertThat(summary.errorsByCause()).isEmpty();
    }

    @Test
    void flash_sale_never_sells_a_key_twice_nor_loses_one() throws Exception {
        Summary summary = run("flash-sale", 20);

        assertPassedAndChecked(summary, "stock conserved", "no card key delivered twice", "no payment charged twice");
        assertThat(summary.expectedByCause()).containsKey("create_order 409 sold_out");
    }

    @Test
    void the_sandbox_gateway_killed_mid_storm_and_restarted_loses_and_doubles_nothing() throws Exception {
        Summary summary = service.run("flash-sale", 20, 8, BenchService.options(50, 50, 2_000), out,
                new GatewayKill.Plan(Duration.ofSeconds(3), Duration.ofSeconds(2))).summary();

        // Trades opened while the gateway was dead have an unknown outcome; the janitor asks once it is back.
        assertPassedAndChecked(summary, "stock conserved", "no card key delivered twice", "no payment charged twice",
                "every acknowledged request durable");
        assertThat(summary.processes()).as("the gateway was replaced mid-load: its CPU is not reported").isNull();
    }

    @Test
    void flash_sale_with_hoarders_holds_each_hoarder_to_its_cap_and_real_buyers_still_buy() throws Exception {
        ScenarioOptions plain = BenchService.options(50, 50, 2_000);
        ScenarioOptions options = new ScenarioOptions(plain.usersPool(), plain.dupFactor(), plain.flashStock(), plain.stockHint(),
                plain.channel(), plain.keyBits(), plain.weights(), plain.path(), plain.presign(), 3);

        Summary summary = service.run("flash-sale", 20, 3, options, out).summary();

        assertPassedAndChecked(summary, "stock conserved", "no card key delivered twice", "no payment charged twice");
        Summary.Hoarding hoarding = summary.hoarding();
        // The service's default cap is 10 units per buyer session; the hoarders come first, so each reaches it.
        assertThat(hoarding.hoarderUnitsReserved()).isEqualTo(3 * 10);
        assertThat(hoarding.hoarderRefusedReservationLimit()).isPositive();
        assertThat(hoarding.realOrders()).isPositive();
        assertThat(hoarding.realPurchasesPaid()).isPositive();
        assertThat(summary.errorsByCause()).doesNotContainKey("create_order 429 reservation_limit");
    }

    @Test
    void callback_storm_applies_repeated_reordered_delayed_and_lost_notifications_once_and_refuses_forged_ones() throws Exception {
        Summary summary = run("callback-storm", 10);

        assertPassedAndChecked(summary, "every paid trade applied", "no payment charged twice", "forged callbacks refused");
        assertThat(summary.expectedByCause()).containsKey("forged_callback 400 fail");
    }

    @Test
    void faults_move_money_only_for_trades_the_gateway_says_were_paid() throws Exception {
        Summary summary = run("faults", 10);

        assertPassedAndChecked(summary, "no payment charged twice", "every paid trade applied", "stock conserved");
    }

    @Test
    void mixed_blends_every_operation_and_passes_the_audit() throws Exception {
        Summary summary = run("mixed", 20);

        assertPassedAndChecked(summary, "no payment charged twice", "every acknowledged request durable",
                "membership expiry = start + granted days");
        assertThat(summary.operations()).containsKeys("get_product", "create_order", "renew", "refund", "cancel", "create_payment");
        // Buyers with their sessions and order tokens, refunds with the merchant's key: no call is refused for its credential.
        assertThat(summary.errorsByCause()).isEmpty();
    }

    @Test
    void a_notification_applied_twice_by_a_broken_service_fails_the_audit() throws Exception {
        Bench.Outcome clean = service.run("flash-sale", 10, 2, BenchService.options(20, 20, 2_000), out);
        assertThat(clean.summary().audit().passed()).isTrue();
        // The broken service: its ledger lacks the unique indexes, and it books a repeated
        // notification of one of this run's payments a second time.
        String payment = clean.journal().paidAtGateway().iterator().next();
        execute("DROP INDEX ledger_one_charge_per_payment; DROP INDEX ledger_one_charge_per_order;"
                + "INSERT INTO ledger_entries (kind, order_id, payment_id, amount, currency) "
                + "SELECT kind, order_id, payment_id, amount, currency FROM ledger_entries WHERE kind = 'CHARGE' AND payment_id = '" + payment + "'");
        try {
            Map<String, Check> checks = audit(clean);

            assertThat(checks.get("no payment charged twice").violations()).isEqualTo(1);
            assertThat(checks.get("no order paid twice").violations()).isEqualTo(1);
            assertThat(checks.get("every paid trade applied").violations()).isEqualTo(1);
        } finally {
            execute("DELETE FROM ledger_entries WHERE id = (SELECT max(id) FROM ledger_entries WHERE payment_id = '" + payment + "');"
                    + "CREATE UNIQUE INDEX ledger_one_charge_per_payment ON ledger_entries (payment_id) WHERE kind = 'CHARGE';"
                    + "CREATE UNIQUE INDEX ledger_one_charge_per_order ON ledger_entries (order_id) WHERE kind = 'CHARGE'");
        }
    }

    @Test
    void membership_days_applied_twice_by_a_broken_service_fail_the_audit() throws Exception {
        Bench.Outcome clean = service.run("member-renew", 20, 2, BenchService.options(20, 20, 2_000), out);
        assertThat(clean.summary().audit().passed()).isTrue();
        // A renewal whose days landed twice on one member: what a service without the grant row would do on a retry.
        String orderNo = clean.journal().membersAcknowledged().values().iterator().next().orderNo();
        String member = "(SELECT member_id FROM member_grants WHERE order_no = '" + orderNo + "')";
        String days = "make_interval(days => (SELECT days FROM member_grants WHERE order_no = '" + orderNo + "'))";
        execute("UPDATE members SET expires_at = expires_at + " + days + " WHERE id = " + member);
        try {
            Map<String, Check> checks = audit(clean);

            assertThat(checks.get("membership expiry = start + granted days").violations()).isEqualTo(1);
            assertThat(checks.get("renewals applied as sent").passed()).isTrue();
        } finally {
            execute("UPDATE members SET expires_at = expires_at - " + days + " WHERE id = " + member);
        }
    }

    @Test
    void a_key_delivered_to_a_second_order_fails_the_audit() throws Exception {
        Bench.Outcome clean = service.run("flash-sale", 10, 2, BenchService.options(20, 100, 2_000), out);
        assertThat(clean.summary().audit().passed()).isTrue();
        String sku = clean.journal().importedKeys().keySet().iterator().next();
        String spareKey = query("SELECT min(id) FROM card_keys WHERE sku = '" + sku + "' AND status = 'AVAILABLE'");
        String deliveredOrder = query("SELECT min(order_id) FROM card_keys WHERE sku = '" + sku + "' AND status = 'DELIVERED'");
        // A second key delivered to an order that bought one: what a double-applied delivery does.
        execute("UPDATE card_keys SET status = 'DELIVERED', order_id = '" + deliveredOrder + "' WHERE id = " + spareKey);
        try {
            Check check = audit(clean).get("no card key delivered twice");

            assertThat(check.passed()).isFalse();
            assertThat(check.examples()).contains("order " + deliveredOrder + " bought 1 but holds 2",
                    "order " + deliveredOrder + " is DELIVERED with 2 of 1 keys delivered");
        } finally {
            execute("UPDATE card_keys SET status = 'AVAILABLE', order_id = NULL WHERE id = " + spareKey);
        }
    }

    private static Map<String, Check> audit(Bench.Outcome run) throws SQLException {
        return io.payonce.bench.audit.Audit.standard().run(service.database(), run.journal()).invariants().stream()
                .collect(Collectors.toMap(Check::name, Function.identity()));
    }

    private static String query(String sql) throws SQLException {
        try (Connection connection = service.database().connect(); Statement statement = connection.createStatement();
             var rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }

    private static void execute(String sql) throws SQLException {
        try (Connection connection = service.database().connect(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
