package io.payonce.reconcile;

import static io.payonce.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.payonce.channels.PaymentChannel;
import io.payonce.payments.Reconciliation;
import io.payonce.payments.Settlement;
import io.payonce.reconcile.BookkeepingGateway.RefundAnswer;
import io.payonce.support.Api;
import io.payonce.support.IntegrationTest;
import io.payonce.support.MutableClock;
import io.payonce.support.RowCounts;
import io.payonce.support.Shop;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Reconciliation finds each kind of mismatch once, repairs what it may through the normal path and
 * nothing else, and a second run finds only what a person must look at. Payonce's rows are made
 * through the shop's own API; the gateway is {@link BookkeepingGateway}, whose bill is the sandbox's
 * writer's. Time stands still (a frozen clock), so every booking falls on one Beijing day, and the
 * janitor, which waits for rows to age, leaves the seeded rows alone.
 */
@IntegrationTest
@Import(ReconciliationIT.Gateways.class)
@DirtiesContext
class ReconciliationIT {

    @TestConfiguration(proxyBeanMethods = false)
    static class Gateways {
        @Bean
        @Primary
        MutableClock frozenClock() {
            return new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        }

        /** The doubles themselves; the context sees them as channels, which test support may wrap. */
        @Bean
        Doubles doubles(MutableClock clock) {
            return new Doubles(new BookkeepingGateway("billpay", clock), new BookkeepingGateway("billpay_repairable", clock),
                    new BookkeepingGateway("billpay_refused", clock), new BookkeepingGateway("billpay_mx", clock),
                    new BookkeepingGateway("billpay_race", clock));
        }

        @Bean
        PaymentChannel billpayChannel(Doubles doubles) {
            return doubles.billpay();
        }

        @Bean
        PaymentChannel repairableChannel(Doubles doubles) {
            return doubles.repairable();
        }

        @Bean
        PaymentChannel refusedChannel(Doubles doubles) {
            return doubles.refused();
        }

        @Bean
        PaymentChannel moneyExceptionsChannel(Doubles doubles) {
            return doubles.moneyExceptions();
        }

        @Bean
        PaymentChannel raceChannel(Doubles doubles) {
            return doubles.race();
        }
    }

    /** One double per test, so that what one test seeds is not on another's bill. */
    record Doubles(BookkeepingGateway billpay, BookkeepingGateway repairable, BookkeepingGateway refused,
                   BookkeepingGateway moneyExceptions, BookkeepingGateway race) {
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    Reconciliation notifications;
    @Autowired
    MutableClock clock;
    @Autowired
    Doubles doubles;
    BookkeepingGateway billpay;
    BookkeepingGateway repairable;

    Api api;
    Shop shop;
    String sku;

    @BeforeEach
    void setUp() {
        billpay = doubles.billpay();
        repairable = doubles.repairable();
        api = new Api(port);
        shop = new Shop(api);
        sku = shop.stockedSku("recon", 1000, 30);
    }

    @Test
    void each_kind_of_mismatch_is_found_once_repair_settles_only_the_safe_ones_and_a_second_run_finds_only_the_rest() {
        String clean = settledPayment(billpay);
        String unsettled = paidUnsettled(billpay);
        billpay.foreignPaidTrade("pay_nobody_knows", 700);
        String forgotten = settledPayment(billpay);
        billpay.forgetTrade(forgotten);
        String otherAmount = settledPayment(billpay);
        billpay.billAnotherAmount(otherAmount, 1001);
        String failedButCharged = cancelledPayment(billpay);
        billpay.chargeClosedTrade(failedButCharged);
        String chargedOnClosedOrder = paidUnsettled(billpay);
        closeOrderOf(chargedOnClosedOrder);
        String pendingRefund = refund(settledPayment(billpay), 300, RefundAnswer.LOST, 503);
        String failedRefund = refund(settledPayment(billpay), 400, RefundAnswer.FAILED_AFTER_BOOKING, 502);
        String forgottenRefund = refund(settledPayment(billpay), 500, RefundAnswer.SUCCEEDED, 201);
        billpay.forgetRefund(forgottenRefund);
        billpay.foreignRefund(clean, "ref_nobody_knows", 100);
        Map<String, String> before = states();

        JsonNode report = reconcile("billpay", false);

        assertThat(report.get("clean").asBoolean()).isFalse();
        assertThat(report.get("billPayments").asLong()).as("every paid trade but the forgotten one").isEqualTo(9);
        assertThat(report.get("billRefunds").asLong()).isEqualTo(3);
        assertThat(mismatches(report)).containsExactlyInAnyOrder(
                "missing_in_payonce payment " + unsettled + " repairable",
                "missing_in_payonce payment pay_nobody_knows not_safe",
                "missing_at_gateway payment " + forgotten + " not_safe",
                "amount_differs payment " + otherAmount + " not_safe",
                "status_differs payment " + failedButCharged + " not_safe",
                "missing_in_payonce payment " + chargedOnClosedOrder + " not_safe",
                "missing_in_payonce refund " + pendingRefund + " repairable",
                "status_differs refund " + failedRefund + " not_safe",
                "missing_at_gateway refund " + forgottenRefund + " not_safe",
                "missing_in_payonce refund ref_nobody_knows not_safe");
        assertThat(report.get("remaining").asInt()).isEqualTo(10);
        assertThat(states()).as("a run without repair changes nothing").isEqualTo(before);

        JsonNode repaired = reconcile("billpay", true);

        assertThat(repaired.get("repaired").asInt()).isEqualTo(2);
        assertThat(repaired.get("remaining").asInt()).isEqualTo(8);
        assertThat(mismatches(repaired)).contains("missing_in_payonce payment " + unsettled + " repaired",
                "missing_in_payonce refund " + pendingRefund + " repaired");
        Map<String, String> expected = new LinkedHashMap<>(before);
        expected.put("payment " + unsettled, "SUCCEEDED");
        expected.put("order " + orderOf(unsettled), "DELIVERED 0");
        expected.put("refund " + pendingRefund, "SUCCEEDED");
        expected.put("order " + orderOfRefund(pendingRefund), "PARTIALLY_REFUNDED 300");
        assertThat(states()).as("repair settles the two safe mismatches and nothing else").isEqualTo(expected);
        assertThat(ledger(unsettled)).isEqualTo(1);

        JsonNode again = reconcile("billpay", true);

        assertThat(again.get("repaired").asInt()).isZero();
        assertThat(mismatches(again)).hasSize(8).allMatch(line -> line.endsWith(" not_safe"));
        assertThat(states()).isEqualTo(expected);
    }

    @Test
    void a_day_with_only_safe_mismatches_is_clean_after_one_repair() {
        settledPayment(repairable);
        String unsettled = paidUnsettled(repairable);
        String pendingRefund = refund(settledPayment(repairable), 250, RefundAnswer.LOST, 503);

        assertThat(mismatches(reconcile("billpay_repairable", false))).containsExactlyInAnyOrder(
                "missing_in_payonce payment " + unsettled + " repairable",
                "missing_in_payonce refund " + pendingRefund + " repairable");
        JsonNode repaired = reconcile("billpay_repairable", true);
        JsonNode again = reconcile("billpay_repairable", false);

        assertThat(repaired.get("repaired").asInt()).isEqualTo(2);
        assertThat(repaired.get("clean").asBoolean()).isTrue();
        assertThat(again.get("clean").asBoolean()).isTrue();
        assertThat(again.get("mismatchesTotal").asInt()).isZero();
        assertThat(again.get("billPayments").asLong()).isEqualTo(3);
        assertThat(again.get("billRefunds").asLong()).isEqualTo(1);
    }

    @Test
    void a_reconciliation_that_cannot_run_is_refused_with_its_reason_and_changes_nothing() {
        BookkeepingGateway gateway = doubles.refused();
        paidUnsettled(gateway);
        Api merchant = shop.merchant();
        String today = LocalDate.now(clock.withZone(DailyReconciliation.GATEWAY_ZONE)).toString();
        String tomorrow = LocalDate.parse(today).plusDays(1).toString();
        Map<String, Long> rows = RowCounts.of(jdbc);
        Map<String, String> before = states();

        assertProblem(api.post("/v1/admin/reconciliations", run("billpay_refused", today)), 401, "credentials_missing");
        assertProblem(merchant.post("/v1/admin/reconciliations", run("billpay_refused", today)), 403, "scope_missing");
        assertProblem(api.admin("/v1/admin/reconciliations", run("nope", today)), 404, "channel_not_found");
        Api.Answer wechat = api.admin("/v1/admin/reconciliations", run("wechat", today));
        assertProblem(wechat, 409, "bill_not_available");
        assertThat(wechat.json().get("detail").asString()).contains("not supported for wechat yet");
        assertProblem(api.admin("/v1/admin/reconciliations", run("billpay_refused", tomorrow)), 400, "invalid_request");
        assertProblem(api.admin("/v1/admin/reconciliations", run("billpay_refused", "2026-13-01")), 400, "invalid_request");
        assertProblem(api.admin("/v1/admin/reconciliations", run("billpay_refused", "yesterday")), 400, "invalid_request");
        assertProblem(api.admin("/v1/admin/reconciliations", run("BILL PAY", today)), 400, "invalid_request");
        assertProblem(api.admin("/v1/admin/reconciliations", "{\"channel\":\"billpay_refused\",\"repair\":true}"), 400, "invalid_request");
        assertProblem(api.admin("/v1/admin/reconciliations", "{\"channel\":\"billpay_refused\",\"date\":\"" + today
                + "\",\"repair\":\"yes please\"}"), 400, "malformed_json");
        assertProblem(api.admin("/v1/admin/reconciliations", "{\"channel\":\"billpay_refused\",\"date\":\"" + today
                + "\",\"repair\":true,\"force\":true}"), 400, "malformed_json");
        assertProblem(api.admin("/v1/admin/reconciliations", null), 400, "malformed_json");

        gateway.serveBill(new PaymentChannel.BillDownload.Ready(AlipayTradeBillReader.FORMAT, "PK not really".getBytes()));
        assertProblem(api.admin("/v1/admin/reconciliations", run("billpay_refused", today)), 502, "bill_unreadable");
        gateway.serveBill(new PaymentChannel.BillDownload.Ready("wechat-tradebill", new byte[1]));
        assertProblem(api.admin("/v1/admin/reconciliations", run("billpay_refused", today)), 409, "bill_not_available");
        gateway.serveBill(new PaymentChannel.BillDownload.NotAvailable("no bills here"));
        assertProblem(api.admin("/v1/admin/reconciliations", run("billpay_refused", today)), 409, "bill_not_available");
        gateway.serveBill(new PaymentChannel.BillDownload.Unknown("read timed out"));
        assertProblem(api.admin("/v1/admin/reconciliations", run("billpay_refused", today)), 503, "channel_unavailable");
        gateway.serveBill(null);
        gateway.throwOnBill(true);
        assertProblem(api.admin("/v1/admin/reconciliations", run("billpay_refused", today)), 503, "channel_unavailable");
        gateway.throwOnBill(false);

        assertThat(RowCounts.of(jdbc)).isEqualTo(rows);
        assertThat(states()).isEqualTo(before);
    }

    @Test
    void charges_payonce_recorded_as_money_exceptions_and_its_own_refunds_of_them_are_shown_as_such() {
        BookkeepingGateway gateway = doubles.moneyExceptions();
        String refundedCharge = cancelledPayment(gateway);
        gateway.chargeClosedTrade(refundedCharge);
        String openCharge = cancelledPayment(gateway);
        gateway.chargeClosedTrade(openCharge);
        transactions.executeWithoutResult(tx -> {
            MoneyExceptionsTable.chargeOnFailedPayment(jdbc, "mx_recon_1", refundedCharge, orderOf(refundedCharge), gateway.name(), 1000, true);
            MoneyExceptionsTable.chargeOnFailedPayment(jdbc, "mx_recon_2", openCharge, orderOf(openCharge), gateway.name(), 1000, false);
        });
        gateway.foreignRefund(refundedCharge, "ref_recon_1", 1000);
        gateway.foreignRefund(openCharge, "ref_recon_2", 1000);

        JsonNode report = reconcile(gateway.name(), true);

        assertThat(mismatches(report)).containsExactlyInAnyOrder(
                "status_differs payment " + refundedCharge + " accounted",
                "status_differs payment " + openCharge + " recorded",
                "missing_in_payonce refund ref_recon_2 recorded");
        assertThat(report.get("remaining").asInt()).isEqualTo(2);
        assertThat(report.get("mismatches").findValuesAsString("repairDetail")).anyMatch(detail -> detail.contains("mx_recon_2"));
    }

    @Test
    void repair_runs_racing_on_one_day_settle_each_charge_and_refund_exactly_once() throws Exception {
        BookkeepingGateway gateway = doubles.race();
        String unsettled = paidUnsettled(gateway);
        String refunded = settledPayment(gateway);
        String pendingRefund = refund(refunded, 600, RefundAnswer.LOST, 503);
        int runs = 8;
        ExecutorService pool = Executors.newFixedThreadPool(runs);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> statuses = new ArrayList<>();
        String today = LocalDate.now(clock.withZone(DailyReconciliation.GATEWAY_ZONE)).toString();
        for (int i = 0; i < runs; i++) {
            statuses.add(pool.submit(() -> {
                start.await();
                return api.admin("/v1/admin/reconciliations", run(gateway.name(), today)).status();
            }));
        }
        start.countDown();
        for (Future<Integer> status : statuses) {
            assertThat(status.get(60, TimeUnit.SECONDS)).isEqualTo(200);
        }
        pool.shutdown();

        assertThat(status("payments", unsettled)).isEqualTo("SUCCEEDED");
        assertThat(status("refunds", pendingRefund)).isEqualTo("SUCCEEDED");
        assertThat(ledger(unsettled)).isEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM ledger_entries WHERE refund_id = :r").param("r", pendingRefund).query(Long.class).single())
                .isEqualTo(1);
        assertThat(jdbc.sql("SELECT refunded_amount FROM orders WHERE id = :id").param("id", orderOf(refunded)).query(Long.class).single())
                .isEqualTo(600);
        assertThat(reconcile(gateway.name(), false).get("clean").asBoolean()).isTrue();
    }

    private String status(String table, String id) {
        return jdbc.sql("SELECT status FROM " + table + " WHERE id = :id").param("id", id).query(String.class).single();
    }

    private static String run(String channel, String date) {
        return "{\"channel\":\"" + channel + "\",\"date\":\"" + date + "\",\"repair\":true}";
    }

    // --- seeding through the shop's own API --------------------------------------------------------

    private String openPayment(BookkeepingGateway gateway) {
        String order = shop.placeOrder(sku, 1);
        Api.Answer paid = shop.api().postIdempotent("/v1/orders/" + order + "/payments",
                "{\"channel\":\"" + gateway.name() + "\"}", UUID.randomUUID().toString());
        assertThat(paid.status()).as(paid.body()).isEqualTo(201);
        return paid.json().get("paymentId").asString();
    }

    /** The buyer paid and payonce heard of it (as from a notification). */
    private String settledPayment(BookkeepingGateway gateway) {
        String payment = paidUnsettled(gateway);
        assertThat(notifications.reconcile(gateway.name(), payment).outcome()).isEqualTo(Settlement.Outcome.APPLIED);
        return payment;
    }

    /** The buyer paid and the notification was lost. */
    private String paidUnsettled(BookkeepingGateway gateway) {
        String payment = openPayment(gateway);
        gateway.buyerPays(payment);
        return payment;
    }

    /** The order was cancelled: the gateway closed the trade, payonce failed the payment. */
    private String cancelledPayment(BookkeepingGateway gateway) {
        String payment = openPayment(gateway);
        Api.Answer cancelled = shop.cancel(orderOf(payment), UUID.randomUUID().toString());
        assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(200);
        return payment;
    }

    /** An order closed while its payment was still open: the state a gateway's late charge leaves behind. */
    private void closeOrderOf(String payment) {
        transactions.executeWithoutResult(tx -> jdbc.sql(
                        "UPDATE orders SET status = 'CANCELLED', closed_at = now() WHERE id = :id AND status = 'PENDING_PAYMENT'")
                .param("id", orderOf(payment)).update());
    }

    private String refund(String payment, long amount, RefundAnswer answer, int status) {
        billpayOf(payment).answerNextRefund(answer);
        Api.Answer refunded = shop.refund(orderOf(payment), amount, UUID.randomUUID().toString());
        assertThat(refunded.status()).as(refunded.body()).isEqualTo(status);
        return jdbc.sql("SELECT id FROM refunds WHERE payment_id = :p ORDER BY created_at DESC LIMIT 1").param("p", payment)
                .query(String.class).single();
    }

    private BookkeepingGateway billpayOf(String payment) {
        String channel = jdbc.sql("SELECT channel FROM payments WHERE id = :id").param("id", payment).query(String.class).single();
        return List.of(billpay, repairable, doubles.refused(), doubles.moneyExceptions(), doubles.race()).stream().filter(gateway -> gateway.name().equals(channel))
                .findFirst().orElseThrow();
    }

    // --- reading the outcome ----------------------------------------------------------------------

    private JsonNode reconcile(String channel, boolean repair) {
        LocalDate today = LocalDate.now(clock.withZone(DailyReconciliation.GATEWAY_ZONE));
        Api.Answer answer = api.admin("/v1/admin/reconciliations",
                "{\"channel\":\"" + channel + "\",\"date\":\"" + today + "\",\"repair\":" + repair + "}");
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json();
    }

    /** Each mismatch as "kind what id repair". */
    private static List<String> mismatches(JsonNode report) {
        List<String> lines = new ArrayList<>();
        for (JsonNode mismatch : report.get("mismatches")) {
            String what = mismatch.get("what").asString();
            String id = what.equals("refund") ? mismatch.get("refundId").asString() : mismatch.get("paymentId").asString();
            lines.add(mismatch.get("kind").asString() + " " + what + " " + id + " " + mismatch.get("repair").asString());
        }
        return lines;
    }

    /** The status of every payment, refund and order (with what it has refunded). */
    private Map<String, String> states() {
        Map<String, String> states = new LinkedHashMap<>();
        jdbc.sql("SELECT id, status FROM payments ORDER BY id").query((rs, n) -> states.put("payment " + rs.getString(1), rs.getString(2))).list();
        jdbc.sql("SELECT id, status FROM refunds ORDER BY id").query((rs, n) -> states.put("refund " + rs.getString(1), rs.getString(2))).list();
        jdbc.sql("SELECT id, status || ' ' || refunded_amount FROM orders ORDER BY id")
                .query((rs, n) -> states.put("order " + rs.getString(1), rs.getString(2))).list();
        return states;
    }

    private String orderOf(String payment) {
        return jdbc.sql("SELECT order_id FROM payments WHERE id = :id").param("id", payment).query(String.class).single();
    }

    private String orderOfRefund(String refund) {
        return jdbc.sql("SELECT order_id FROM refunds WHERE id = :id").param("id", refund).query(String.class).single();
    }

    private long ledger(String payment) {
        return jdbc.sql("SELECT count(*) FROM ledger_entries WHERE payment_id = :p AND kind = 'CHARGE'").param("p", payment)
                .query(Long.class).single();
    }
}
