package io.payonce.channels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.payonce.channels.PaymentChannel.CloseOutcome;
import io.payonce.channels.PaymentChannel.RefundOutcome;
import io.payonce.channels.PaymentChannel.RefundQuery;
import io.payonce.channels.PaymentChannel.TradeOutcome;
import io.payonce.channels.PaymentChannel.TradeStatus;
import io.payonce.support.MutableClock;
import io.payonce.support.ScriptedChannel;
import org.junit.jupiter.api.Test;

/**
 * How payonce calls a channel, without Spring: a timeout makes the answer unknown, an open breaker
 * keeps calls from the gateway, the calls safe to repeat are retried a bounded number of times,
 * and the fallback order picks the next channel whose breaker lets calls through.
 */
class ResilientChannelTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-30T12:00:00Z"));
    private final ScriptedChannel alipay = new ScriptedChannel("alipay");
    private final ScriptedChannel wechat = new ScriptedChannel("wechat");
    private final CountingChannel counting = new CountingChannel(alipay);
    private final PaymentChannels channels = new PaymentChannels(List.of(counting, wechat), settings(List.of("alipay", "wechat")),
            clock, new SimpleMeterRegistry());
    private final PaymentChannel resilient = channels.find("alipay").orElseThrow();

    @Test
    void a_call_past_the_timeout_is_an_unknown_outcome_and_the_gateway_still_does_its_work() {
        alipay.slowNextCreate(1_000);

        TradeOutcome outcome = resilient.createTrade(request("pay_slow"));

        assertThat(outcome).isInstanceOf(TradeOutcome.Unknown.class);
        assertThat(((TradeOutcome.Unknown) outcome).reason()).contains("200 ms");
    }

    @Test
    void a_channel_that_throws_answers_unknown_and_counts_as_a_failure() {
        alipay.down(true);

        assertThat(resilient.createTrade(request("pay_down"))).isInstanceOf(TradeOutcome.Unknown.class);
        assertThat(resilient.refund(new PaymentChannel.RefundRequest("pay_down", "ref_1", 10, "CNY"))).isInstanceOf(RefundOutcome.Unknown.class);
        assertThat(breaker().getMetrics().getNumberOfFailedCalls()).isEqualTo(2);
    }

    @Test
    void safe_calls_are_retried_up_to_the_limit_and_unsafe_ones_never() {
        alipay.down(true);

        assertThat(resilient.queryTrade("pay_q")).isInstanceOf(TradeStatus.Unknown.class);
        assertThat(counting.queries.get()).isEqualTo(3);
        // Each run of three failures would fill the breaker's window of four: start each afresh.
        breaker().reset();
        assertThat(resilient.closeTrade("pay_q")).isInstanceOf(CloseOutcome.Unknown.class);
        assertThat(counting.closes.get()).isEqualTo(3);
        breaker().reset();
        assertThat(resilient.queryRefund("pay_q", "ref_q")).isInstanceOf(RefundQuery.Unknown.class);
        assertThat(counting.refundQueries.get()).isEqualTo(3);
        breaker().reset();
        resilient.createTrade(request("pay_q"));
        assertThat(counting.creates.get()).isEqualTo(1);
        resilient.refund(new PaymentChannel.RefundRequest("pay_q", "ref_q", 10, "CNY"));
        assertThat(counting.refunds.get()).isEqualTo(1);
    }

    @Test
    void retries_stop_as_soon_as_the_breaker_opens() {
        alipay.down(true);
        resilient.createTrade(request("pay_a"));
        resilient.createTrade(request("pay_b"));

        assertThat(resilient.queryTrade("pay_r")).isInstanceOf(TradeStatus.Unknown.class);
        assertThat(counting.queries.get()).as("the fourth failure opened the breaker").isEqualTo(2);
        assertThat(breaker().getState()).isEqualTo(CircuitBreaker.State.OPEN);
    }

    @Test
    void an_answer_is_not_retried() {
        assertThat(resilient.queryTrade("pay_none")).isInstanceOf(TradeStatus.NotFound.class);
        assertThat(counting.queries.get()).isEqualTo(1);
    }

    @Test
    void an_open_breaker_keeps_calls_from_the_gateway_a_new_trade_is_declined_a_query_unknown() {
        breaker().transitionToOpenState();

        assertThat(resilient.createTrade(request("pay_open"))).isEqualTo(new TradeOutcome.Declined(PaymentChannels.BREAKER_OPEN));
        assertThat(resilient.queryTrade("pay_open")).isInstanceOf(TradeStatus.Unknown.class);
        assertThat(resilient.closeTrade("pay_open")).isInstanceOf(CloseOutcome.Unknown.class);
        assertThat(resilient.refund(new PaymentChannel.RefundRequest("pay_open", "ref_o", 10, "CNY"))).isInstanceOf(RefundOutcome.Unknown.class);
        assertThat(resilient.queryRefund("pay_open", "ref_o")).isInstanceOf(RefundQuery.Unknown.class);
        assertThat(counting.total()).as("the gateway was never called").isZero();
    }

    @Test
    void the_breaker_opens_after_the_window_fills_with_failures_and_a_decline_is_not_a_failure() {
        alipay.down(true);
        for (int i = 0; i < 3; i++) {
            resilient.createTrade(request("pay_" + i));
        }
        assertThat(breaker().getState()).isEqualTo(CircuitBreaker.State.CLOSED);
        resilient.createTrade(request("pay_4"));
        assertThat(breaker().getState()).isEqualTo(CircuitBreaker.State.OPEN);
    }

    @Test
    void a_crash_inside_the_call_is_not_mistaken_for_a_lost_answer() {
        alipay.crashNextCreate();

        assertThatThrownBy(() -> resilient.createTrade(request("pay_crash"))).isInstanceOf(ScriptedChannel.Crash.class);
    }

    @Test
    void new_payments_fall_back_in_order_while_the_breaker_is_open_and_come_back_after_its_open_time() {
        assertThat(channels.route("alipay")).isEqualTo("alipay");
        breaker().transitionToOpenState();

        assertThat(channels.route("alipay")).isEqualTo("wechat");
        assertThat(channels.route("wechat")).isEqualTo("wechat");
        clock.advance(Duration.ofSeconds(29));
        assertThat(channels.route("alipay")).isEqualTo("wechat");
        clock.advance(Duration.ofSeconds(2));
        assertThat(channels.route("alipay")).as("open time over: trial calls go to alipay").isEqualTo("alipay");
        assertThat(breaker().getState()).isEqualTo(CircuitBreaker.State.HALF_OPEN);
        assertThat(breaker().getMetrics().getNumberOfBufferedCalls()).as("routing took no trial permit").isZero();
    }

    @Test
    void when_every_channel_is_open_the_requested_one_is_used_and_refused_at_once() {
        breaker().transitionToOpenState();
        CircuitBreakerAccess.of(channels, "wechat").transitionToOpenState();

        assertThat(channels.route("alipay")).isEqualTo("alipay");
    }

    @Test
    void a_channel_outside_the_fallback_order_has_no_fallback() {
        PaymentChannels noOrder = new PaymentChannels(List.of(alipay, wechat), settings(List.of()), Clock.fixed(Instant.EPOCH, ZoneOffset.UTC),
                new SimpleMeterRegistry());
        CircuitBreakerAccess.of(noOrder, "alipay").transitionToOpenState();

        assertThat(noOrder.route("alipay")).isEqualTo("alipay");
        assertThat(noOrder.route("unknown")).isEqualTo("unknown");
    }

    @Test
    void a_fallback_order_naming_an_unknown_or_repeated_channel_stops_start_up_naming_the_setting() {
        assertThatThrownBy(() -> new PaymentChannels(List.of(alipay, wechat), settings(List.of("alipay", "paypal")), clock,
                new SimpleMeterRegistry())).hasMessageContaining("payonce.channels.fallback-order").hasMessageContaining("paypal");
        assertThatThrownBy(() -> new PaymentChannels(List.of(alipay, wechat), settings(List.of("alipay", "alipay")), clock,
                new SimpleMeterRegistry())).hasMessageContaining("payonce.channels.fallback-order");
    }

    private CircuitBreaker breaker() {
        return CircuitBreakerAccess.of(channels, "alipay");
    }

    private static PaymentChannel.TradeRequest request(String paymentId) {
        return new PaymentChannel.TradeRequest(paymentId, "ord_1", 100, "CNY", "test");
    }

    private static ChannelResilienceProperties settings(List<String> order) {
        return new ChannelResilienceProperties(order, new ChannelResilienceProperties.Resilience(Duration.ofMillis(200),
                new ChannelResilienceProperties.Breaker(50, 4, 4, Duration.ofSeconds(30), 2),
                new ChannelResilienceProperties.Retry(3, Duration.ofMillis(1), 2.0, 0.5, Duration.ofMillis(5))));
    }

    /** Breakers by channel name, through the package. */
    private static final class CircuitBreakerAccess {
        static CircuitBreaker of(PaymentChannels channels, String name) {
            return ((ResilientChannel) channels.find(name).orElseThrow()).breaker();
        }
    }

    /** Counts the calls that reach the gateway. */
    private static final class CountingChannel implements PaymentChannel {
        final PaymentChannel delegate;
        final AtomicInteger creates = new AtomicInteger();
        final AtomicInteger queries = new AtomicInteger();
        final AtomicInteger closes = new AtomicInteger();
        final AtomicInteger refunds = new AtomicInteger();
        final AtomicInteger refundQueries = new AtomicInteger();

        CountingChannel(PaymentChannel delegate) {
            this.delegate = delegate;
        }

        int total() {
            return creates.get() + queries.get() + closes.get() + refunds.get() + refundQueries.get();
        }

        @Override
        public String name() {
            return delegate.name();
        }

        @Override
        public TradeOutcome createTrade(TradeRequest request) {
            creates.incrementAndGet();
            return delegate.createTrade(request);
        }

        @Override
        public TradeStatus queryTrade(String paymentId) {
            queries.incrementAndGet();
            return delegate.queryTrade(paymentId);
        }

        @Override
        public CloseOutcome closeTrade(String paymentId) {
            closes.incrementAndGet();
            return delegate.closeTrade(paymentId);
        }

        @Override
        public RefundOutcome refund(RefundRequest request) {
            refunds.incrementAndGet();
            return delegate.refund(request);
        }

        @Override
        public RefundQuery queryRefund(String paymentId, String refundId) {
            refundQueries.incrementAndGet();
            return delegate.queryRefund(paymentId, refundId);
        }

        @Override
        public Notification parseNotification(InboundNotification inbound) {
            return delegate.parseNotification(inbound);
        }

        @Override
        public NotificationReply reply(boolean accepted) {
            return delegate.reply(accepted);
        }
    }
}
