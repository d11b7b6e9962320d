package io.payonce.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

import org.junit.jupiter.api.Test;

import io.payonce.client.http.HttpTransport;
import io.payonce.client.model.NewOrder;
import io.payonce.client.model.Order;
import io.payonce.client.model.Payment;

/** Retries of one logical call, on a scripted transport, a clock the waits move and a fixed random source. */
class PayonceClientRetryTest {

    private static final String PAYMENT = "{\"paymentId\":\"pay_1\",\"orderId\":\"ord_1\",\"channel\":\"alipay\",\"status\":\"PENDING\","
            + "\"amount\":1999,\"currency\":\"CNY\",\"createdAt\":\"2026-11-30T12:00:00Z\",\"unknownField\":1}";

    /** A clock that only moves when the client waits. */
    private static final class WaitClock extends Clock {
        Instant now = Instant.parse("2026-11-30T12:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    /** Always the lowest jitter: each wait is exactly half its step. */
    private static final RandomGenerator LOWEST = new RandomGenerator() {
        private long counter;

        @Override
        public long nextLong() {
            return ++counter;
        }

        @Override
        public long nextLong(long bound) {
            return 0;
        }
    };

    private final ScriptedTransport transport = new ScriptedTransport();
    private final WaitClock clock = new WaitClock();
    private final List<Duration> waits = new ArrayList<>();

    private PayonceClient client(RetryPolicy policy) {
        return PayonceClient.builder().baseUrl("http://payonce.test:8080/").buyerToken("bs_buyer").transport(transport)
                .retryPolicy(policy).clock(clock).random(LOWEST).sleeper(wait -> {
                    waits.add(wait);
                    clock.now = clock.now.plus(wait);
                }).build();
    }

    private static final RetryPolicy POLICY = new RetryPolicy(4, Duration.ofMillis(200), Duration.ofSeconds(2),
            Duration.ofSeconds(5), Duration.ofSeconds(20));

    private Payment pay(RequestOptions options) {
        return client(POLICY).orders().pay("ord_1", "alipay", options).value();
    }

    @Test
    void a_timed_out_payment_is_retried_with_the_same_key_and_the_replay_is_reported() {
        transport.fail(new HttpTransport.TimedOut("read timed out"))
                .answer(201, PAYMENT, "Idempotent-Replayed", "true");

        Result<Payment> result = client(POLICY).orders().pay("ord_1", "alipay", RequestOptions.orderToken("ot_1"));

        assertThat(transport.keys()).hasSize(2).doesNotContainNull();
        assertThat(transport.keys().get(0)).isEqualTo(transport.keys().get(1)).isEqualTo(result.idempotencyKey());
        assertThat(result.replayed()).isTrue();
        assertThat(result.attempts()).isEqualTo(2);
        assertThat(result.status()).isEqualTo(201);
        assertThat(result.value().paymentId()).isEqualTo("pay_1");
        assertThat(waits).containsExactly(Duration.ofMillis(100));
    }

    @Test
    void each_logical_call_gets_its_own_key_and_a_callers_key_is_used_as_given() {
        transport.answer(201, PAYMENT).answer(201, PAYMENT).answer(201, PAYMENT);
        PayonceClient client = client(POLICY);
        client.orders().pay("ord_1", "alipay", RequestOptions.NONE);
        client.orders().pay("ord_1", "alipay", RequestOptions.NONE);
        client.orders().pay("ord_1", "alipay", RequestOptions.idempotencyKey("pay-1"));

        assertThat(transport.keys().get(0)).hasSize(32).isNotEqualTo(transport.keys().get(1));
        assertThat(transport.keys().get(2)).isEqualTo("pay-1");
    }

    @Test
    void backoff_doubles_between_attempts_and_stops_at_attempts_max() {
        transport.problem(503, "service_unavailable").problem(503, "service_unavailable")
                .problem(503, "service_unavailable").problem(503, "service_unavailable");

        assertThatThrownBy(() -> pay(RequestOptions.NONE))
                .isInstanceOfSatisfying(Unavailable.class, e -> {
                    assertThat(e.attempts()).isEqualTo(4);
                    assertThat(e.code()).isEqualTo(ProblemCode.SERVICE_UNAVAILABLE);
                    assertThat(e.idempotencyKey()).isEqualTo(transport.keys().get(0));
                });
        assertThat(waits).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(400));
        assertThat(transport.keys()).hasSize(4).containsOnly(transport.keys().get(0));
    }

    @Test
    void retry_after_is_honoured_when_longer_than_the_backoff() {
        transport.problem(429, "rate_limited", "Retry-After", "3").answer(201, PAYMENT);

        assertThat(pay(RequestOptions.NONE).paymentId()).isEqualTo("pay_1");
        assertThat(waits).containsExactly(Duration.ofSeconds(3));
    }

    @Test
    void retry_after_as_a_date_is_read_on_the_clients_clock() {
        transport.problem(503, "service_unavailable", "Retry-After", "Mon, 30 Nov 2026 12:00:02 GMT").answer(201, PAYMENT);

        pay(RequestOptions.NONE);
        assertThat(waits).containsExactly(Duration.ofSeconds(2));
    }

    @Test
    void a_retry_after_past_the_policys_bound_is_handed_to_the_caller() {
        transport.problem(429, "reservation_limit", "Retry-After", "540");

        assertThatThrownBy(() -> client(POLICY).orders().create(NewOrder.of("sku", 1)))
                .isInstanceOfSatisfying(TooManyRequests.class, e -> {
                    assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(540));
                    assertThat(e.code()).isEqualTo(ProblemCode.RESERVATION_LIMIT);
                    assertThat(e.attempts()).isEqualTo(1);
                });
        assertThat(waits).isEmpty();
    }

    @Test
    void a_request_still_running_under_the_key_is_waited_for() {
        transport.problem(409, "idempotency_key_in_use", "Retry-After", "1").answer(201, PAYMENT, "Idempotent-Replayed", "true");

        Result<Payment> result = client(POLICY).orders().pay("ord_1", "alipay", RequestOptions.NONE);
        assertThat(result.replayed()).isTrue();
        assertThat(waits).containsExactly(Duration.ofSeconds(1));
    }

    @Test
    void other_4xx_answers_are_never_retried_and_become_typed_exceptions() {
        transport.problem(409, "sold_out").problem(409, "refund_exceeds_paid").problem(404, "order_not_found")
                .problem(400, "invalid_request").problem(422, "idempotency_key_reused").problem(402, "payment_declined")
                .problem(401, "credentials_missing").problem(409, "brand_new_code");
        PayonceClient client = client(POLICY);

        assertThatThrownBy(() -> client.orders().create(NewOrder.of("sku", 1))).isInstanceOf(SoldOut.class);
        assertThatThrownBy(() -> client.orders().refund("ord_1", 5)).isInstanceOf(RefundExceedsPaid.class);
        assertThatThrownBy(() -> client.orders().get("ord_1", RequestOptions.NONE)).isInstanceOf(OrderNotFound.class);
        assertThatThrownBy(() -> client.orders().pay("o", "x", RequestOptions.NONE)).isInstanceOf(InvalidRequest.class);
        assertThatThrownBy(() -> client.orders().pay("o", "x", RequestOptions.NONE)).isInstanceOf(IdempotencyKeyReused.class);
        assertThatThrownBy(() -> client.orders().pay("o", "x", RequestOptions.NONE)).isInstanceOf(PaymentDeclined.class);
        assertThatThrownBy(() -> client.orders().pay("o", "x", RequestOptions.NONE)).isInstanceOf(NotAuthorized.class);
        assertThatThrownBy(() -> client.orders().pay("o", "x", RequestOptions.NONE))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.code()).isEqualTo(ProblemCode.UNKNOWN);
                    assertThat(e.rawCode()).isEqualTo("brand_new_code");
                    assertThat(e.status()).isEqualTo(409);
                });
        assertThat(transport.calls).hasSize(8);
        assertThat(waits).isEmpty();
    }

    @Test
    void connection_refused_is_retried_and_at_the_end_reported_as_not_applied() {
        transport.fail(new ConnectException("refused")).fail(new ConnectException("refused"))
                .fail(new ConnectException("refused")).fail(new ConnectException("refused"));

        assertThatThrownBy(() -> pay(RequestOptions.idempotencyKey("k-1")))
                .isInstanceOfSatisfying(ConnectionFailed.class, e -> {
                    assertThat(e.mayHaveBeenApplied()).isFalse();
                    assertThat(e.idempotencyKey()).isEqualTo("k-1");
                    assertThat(e.attempts()).isEqualTo(4);
                });
    }

    @Test
    void a_post_without_a_key_is_not_repeated_after_a_timeout_but_is_after_a_refused_connection() {
        transport.fail(new HttpTransport.TimedOut("slow"));
        assertThatThrownBy(() -> client(POLICY).catalog().importCardKeys("sku", List.of("A")))
                .isInstanceOfSatisfying(ConnectionFailed.class, e -> assertThat(e.mayHaveBeenApplied()).isTrue());
        assertThat(transport.calls).hasSize(1);

        transport.fail(new ConnectException("refused")).answer(200, "{\"imported\":1,\"duplicates\":0}");
        assertThat(client(POLICY).catalog().importCardKeys("sku", List.of("A")).value().imported()).isEqualTo(1);
        assertThat(transport.calls).hasSize(3);
    }

    @Test
    void a_broken_connection_of_a_read_is_retried() {
        transport.fail(new IOException("connection reset")).answer(200, "{\"orderId\":\"ord_1\",\"status\":\"PAID\",\"quantity\":1,\"amount\":1999}");

        Order order = client(POLICY).orders().get("ord_1", RequestOptions.orderToken("ot_1")).value();
        assertThat(order.status()).isEqualTo("PAID");
        assertThat(transport.calls.get(1).header("X-Order-Token")).isEqualTo("ot_1");
        assertThat(transport.calls.get(1).header("Idempotency-Key")).isNull();
    }

    @Test
    void no_retry_policy_sends_exactly_once() {
        transport.problem(503, "service_unavailable");

        assertThatThrownBy(() -> client(RetryPolicy.none()).orders().pay("o", "alipay", RequestOptions.NONE))
                .isInstanceOf(Unavailable.class);
        assertThat(transport.calls).hasSize(1);
        assertThat(waits).isEmpty();
    }

    @Test
    void the_total_bound_stops_retries_on_the_clients_clock() {
        RetryPolicy shortTotal = POLICY.withTotalMax(Duration.ofMillis(250));
        transport.problem(503, "service_unavailable").problem(503, "service_unavailable").problem(503, "service_unavailable");

        assertThatThrownBy(() -> client(shortTotal).orders().pay("o", "alipay", RequestOptions.NONE)).isInstanceOf(Unavailable.class);
        assertThat(waits).containsExactly(Duration.ofMillis(100));
        assertThat(transport.calls).hasSize(2);
    }

    @Test
    void credentials_and_body_go_on_the_wire_as_documented() {
        transport.answer(201, PAYMENT);
        client(POLICY).orders().pay("ord 1/x", "alipay", RequestOptions.orderToken("ot_1").withBearer("pk_other"));

        var call = transport.calls.get(0);
        assertThat(call.uri().toString()).isEqualTo("http://payonce.test:8080/v1/orders/ord%201%2Fx/payments");
        assertThat(call.header("Authorization")).isEqualTo("Bearer pk_other");
        assertThat(call.header("Content-Type")).isEqualTo("application/json");
        assertThat(new String(call.body(), StandardCharsets.UTF_8)).isEqualTo("{\"channel\":\"alipay\"}");
    }

    @Test
    void membership_refusals_carry_the_envelope_code_and_each_retry_is_signed_afresh() throws Exception {
        var keys = java.security.KeyPairGenerator.getInstance("RSA");
        keys.initialize(2048);
        var pair = keys.generateKeyPair();
        transport.answer(503, "{\"code\":50301,\"message\":\"busy\",\"data\":null}", "Retry-After", "1")
                .answer(409, "{\"code\":40901,\"message\":\"orderNo used for another user\",\"data\":null}");
        PayonceClient client = client(POLICY);

        assertThatThrownBy(() -> client.members().createOrRenew(client.members().signer("shop", pair.getPrivate()), "ORD-1", "u-1", 30))
                .isInstanceOfSatisfying(MembershipException.class, e -> {
                    assertThat(e.code()).isEqualTo(MemberCode.ORDER_CONFLICT);
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.attempts()).isEqualTo(2);
                });
        assertThat(new String(transport.calls.get(0).body(), StandardCharsets.UTF_8))
                .isNotEqualTo(new String(transport.calls.get(1).body(), StandardCharsets.UTF_8));
    }
}
