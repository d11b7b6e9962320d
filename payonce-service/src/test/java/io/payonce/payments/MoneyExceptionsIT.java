package io.payonce.payments;

import static io.payonce.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import io.payonce.support.Api;
import io.payonce.support.ScriptedChannel.RefundFault;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A gateway that takes money payonce did not mean to take: the charge is recorded as a money
 * exception in the transaction that finds it, once, and refunded by payonce where that is safe;
 * otherwise it stays OPEN for the shop owner, who sees it and closes it through the admin API.
 */
class MoneyExceptionsIT extends ScriptedGatewayTest {

    @Autowired
    Reconciliation reconciliation;
    @Autowired
    MoneyExceptionRefunds refunds;
    @Autowired
    MeterRegistry meters;

    @Test
    void a_charge_on_a_trade_payonce_closed_is_recorded_once_and_refunded_whole_under_one_refund_id() {
        String paymentId = chargeOnAClosedTrade("mx-refunded");

        reconciliation.reconcile("alipay", paymentId);
        assertThat(count("SELECT count(*) FROM money_exceptions WHERE payment_id = ?", paymentId)).as("a repeat records nothing").isEqualTo(1);
        assertThat(gauge("CHARGE_ON_FAILED_PAYMENT", "OPEN")).isGreaterThanOrEqualTo(1);
        refunds.sweep();
        refunds.sweep();

        String refundId = jdbc.sql("SELECT refund_id FROM money_exceptions WHERE payment_id = ?").param(paymentId).query(String.class).single();
        assertThat(jdbc.sql("SELECT state FROM money_exceptions WHERE payment_id = ?").param(paymentId).query(String.class).single())
                .isEqualTo("REFUNDED");
        assertThat(ALIPAY.refunds().values().stream().filter(r -> r.paymentId().equals(paymentId)))
                .singleElement().satisfies(refund -> {
                    assertThat(refund.refundId()).isEqualTo(refundId);
                    assertThat(refund.amount()).isEqualTo(100);
                    assertThat(refund.succeeded()).isTrue();
                });
        assertThat(count("SELECT count(*) FROM ledger_entries WHERE payment_id = ?", paymentId)).as("never booked").isZero();
    }

    @Test
    void a_charge_on_an_order_closed_while_its_payment_was_live_is_booked_recorded_and_refunded() {
        String orderId = shop.placeOrder(shop.stockedSku("mx-closed-order", 100, 1), 1);
        String paymentId = shop.startPayment(orderId);
        // The race the closing path guards against (it closes the trade first): the order closed
        // while its payment is live, then the buyer pays.
        transactions.executeWithoutResult(tx -> jdbc.sql("UPDATE orders SET status = 'CANCELLED', closed_at = now() WHERE id = ?")
                .param(orderId).update());
        ALIPAY.buyerPays(paymentId);

        Settlement.Result result = reconciliation.reconcile("alipay", paymentId);
        reconciliation.reconcile("alipay", paymentId);

        assertThat(result.outcome()).isEqualTo(Settlement.Outcome.APPLIED);
        assertThat(charges(orderId)).as("the money did move").isEqualTo(1);
        assertThat(count("SELECT count(*) FROM money_exceptions WHERE kind = 'CHARGE_ON_CLOSED_ORDER' AND cause_ref = ?", paymentId))
                .isEqualTo(1);
        refunds.sweep();
        assertThat(state(paymentId)).isEqualTo("REFUNDED");
        assertThat(ALIPAY.refunds().values().stream().filter(r -> r.paymentId().equals(paymentId) && r.amount() == 100)).hasSize(1);
    }

    @Test
    void a_refund_lost_in_flight_is_asked_for_again_under_the_same_refund_id() {
        String paymentId = chargeOnAClosedTrade("mx-lost");
        ALIPAY.nextRefundOf(paymentId, RefundFault.ANSWER_LOST);

        refunds.sweep();
        assertThat(state(paymentId)).isEqualTo("OPEN");
        clock.advance(Duration.ofMinutes(10));
        refunds.sweep();

        assertThat(state(paymentId)).isEqualTo("REFUNDED");
        assertThat(ALIPAY.refunds().values().stream().filter(r -> r.paymentId().equals(paymentId))).hasSize(1);
    }

    @Test
    void a_charge_the_gateway_refuses_to_refund_stays_open_and_the_shop_owner_resolves_it_with_a_note() {
        String paymentId = chargeOnAClosedTrade("mx-open");
        ALIPAY.nextRefundOf(paymentId, RefundFault.REFUSED);
        refunds.sweep();
        String id = jdbc.sql("SELECT id FROM money_exceptions WHERE payment_id = ?").param(paymentId).query(String.class).single();
        Api admin = shop.anonymous().bearer(io.payonce.support.IntegrationTest.ADMIN_TOKEN);

        Api.Answer open = admin.get("/v1/admin/money-exceptions?state=OPEN&limit=500");

        assertThat(open.status()).as(open.body()).isEqualTo(200);
        assertThat(open.json().get("moneyExceptions").values()).anySatisfy(e -> {
            assertThat(e.get("id").asString()).isEqualTo(id);
            assertThat(e.get("kind").asString()).isEqualTo("CHARGE_ON_FAILED_PAYMENT");
            assertThat(e.get("autoRefund").asString()).isEqualTo("REFUSED");
            assertThat(e.get("amount").asLong()).isEqualTo(100);
        });
        Api.Answer resolved = admin.post("/v1/admin/money-exceptions/" + id + "/resolve", "{\"note\":\"refunded by bank transfer, ticket 42\"}");
        assertThat(resolved.status()).as(resolved.body()).isEqualTo(200);
        assertThat(resolved.json().get("state").asString()).isEqualTo("RESOLVED");
        assertThat(resolved.json().get("note").asString()).isEqualTo("refunded by bank transfer, ticket 42");
        assertProblem(admin.post("/v1/admin/money-exceptions/" + id + "/resolve", "{\"note\":\"again\"}"), 409, "money_exception_not_open");
        assertThat(admin.get("/v1/admin/money-exceptions?state=RESOLVED&limit=500").body()).contains(id);
        assertThat(admin.get("/v1/admin/money-exceptions?state=OPEN&limit=500").body()).doesNotContain(id);
    }

    @Test
    void the_admin_endpoints_refuse_callers_without_the_admin_scope_and_bad_input_and_change_nothing() {
        String paymentId = chargeOnAClosedTrade("mx-attack");
        String id = jdbc.sql("SELECT id FROM money_exceptions WHERE payment_id = ?").param(paymentId).query(String.class).single();
        String path = "/v1/admin/money-exceptions/" + id + "/resolve";
        String note = "{\"note\":\"closed by an attacker\"}";
        Api admin = shop.anonymous().bearer(io.payonce.support.IntegrationTest.ADMIN_TOKEN);

        assertProblem(shop.anonymous().get("/v1/admin/money-exceptions"), 401, "credentials_missing");
        assertProblem(shop.anonymous().post(path, note), 401, "credentials_missing");
        assertProblem(shop.anonymous().bearer("pk_wrong").post(path, note), 401, "credentials_invalid");
        assertProblem(shop.merchant().get("/v1/admin/money-exceptions"), 403, "scope_missing");
        assertProblem(shop.merchant().post(path, note), 403, "scope_missing");
        assertProblem(shop.api().post(path, note), 403, "scope_missing");
        assertProblem(admin.post(path, "{\"note\":\"\"}"), 400, "invalid_request");
        assertProblem(admin.post(path, "{\"note\":\"" + "x".repeat(1001) + "\"}"), 400, "invalid_request");
        assertProblem(admin.post(path, "not json"), 400, "malformed_json");
        assertProblem(admin.get("/v1/admin/money-exceptions?state=WHATEVER"), 400, "invalid_request");
        assertProblem(admin.get("/v1/admin/money-exceptions?limit=0"), 400, "invalid_request");
        assertProblem(admin.post("/v1/admin/money-exceptions/mx_nope/resolve", note), 404, "money_exception_not_found");

        assertThat(state(paymentId)).isEqualTo("OPEN");
        assertThat(count("SELECT count(*) FROM money_exceptions WHERE id = ? AND note IS NULL", id)).isEqualTo(1);
    }

    /**
     * A gateway that says it closed a trade and lets the buyer pay it anyway: payonce cancels the
     * order (the attempt FAILED on the gateway's word), then learns of the charge, as a notification would tell it.
     */
    private String chargeOnAClosedTrade(String prefix) {
        String orderId = shop.placeOrder(shop.stockedSku(prefix, 100, 1), 1);
        String paymentId = shop.startPayment(orderId);
        ALIPAY.closeLies(true);
        Api.Answer cancelled = shop.cancel(orderId, UUID.randomUUID().toString());
        assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(200);
        ALIPAY.buyerPays(paymentId);

        Settlement.Result result = reconciliation.reconcile("alipay", paymentId);

        assertThat(result.outcome()).isEqualTo(Settlement.Outcome.IGNORED);
        assertThat(shop.status(orderId)).isEqualTo("CANCELLED");
        assertThat(count("SELECT count(*) FROM money_exceptions WHERE kind = 'CHARGE_ON_FAILED_PAYMENT' AND cause_ref = ?"
                + " AND state = 'OPEN' AND auto_refund = 'PENDING' AND amount = 100", paymentId)).isEqualTo(1);
        return paymentId;
    }

    private String state(String paymentId) {
        return jdbc.sql("SELECT state FROM money_exceptions WHERE payment_id = ?").param(paymentId).query(String.class).single();
    }

    private double gauge(String kind, String state) {
        return meters.get("payonce.money_exceptions").tag("kind", kind).tag("state", state).gauge().value();
    }
}
