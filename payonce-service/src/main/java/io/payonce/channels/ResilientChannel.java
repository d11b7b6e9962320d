package io.payonce.channels;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.retry.Retry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A channel as payonce calls it: every gateway call has a timeout (a call past it is the port's
 * Unknown, as a lost answer is), goes through the channel's circuit breaker (open: the gateway is
 * not called at all), and the calls that are safe to repeat (query a trade, close a trade, query a
 * refund) are retried with backoff while their answer is unknown. Opening a trade and refunding
 * are never retried here: the operation's own retry, keyed by payonce's id, does that.
 *
 * <p>What the breaker counts as a failure is an unknown outcome (timeout, exception,
 * unintelligible answer); a decline or a "not found" is the gateway answering, so it is a success.
 */
final class ResilientChannel implements PaymentChannel {

    private static final Logger log = LoggerFactory.getLogger(ResilientChannel.class);

    private final PaymentChannel delegate;
    private final CircuitBreaker breaker;
    private final Retry retry;
    private final Duration timeout;
    private final ExecutorService calls;

    ResilientChannel(PaymentChannel delegate, CircuitBreaker breaker, Retry retry, Duration timeout, ExecutorService calls) {
        this.delegate = delegate;
        this.breaker = breaker;
        this.retry = retry;
        this.timeout = timeout;
        this.calls = calls;
    }

    @Override
    public String name() {
        return delegate.name();
    }

    /** The channel this one decorates (the adapter, or a test's double). */
    PaymentChannel delegate() {
        return delegate;
    }

    CircuitBreaker breaker() {
        return breaker;
    }

    @Override
    public TradeOutcome createTrade(TradeRequest request) {
        // An open breaker means the gateway was never asked, so no trade exists: a decline is the
        // truth, and the order can be paid again (through a fallback channel, if one is set).
        return guarded(() -> delegate.createTrade(request), TradeOutcome.Unknown.class,
                TradeOutcome.Unknown::new, reason -> new TradeOutcome.Declined(PaymentChannels.BREAKER_OPEN));
    }

    @Override
    public TradeStatus queryTrade(String paymentId) {
        return retried(() -> guarded(() -> delegate.queryTrade(paymentId), TradeStatus.Unknown.class,
                TradeStatus.Unknown::new, TradeStatus.Unknown::new), TradeStatus.Unknown.class);
    }

    @Override
    public CloseOutcome closeTrade(String paymentId) {
        return retried(() -> guarded(() -> delegate.closeTrade(paymentId), CloseOutcome.Unknown.class,
                CloseOutcome.Unknown::new, CloseOutcome.Unknown::new), CloseOutcome.Unknown.class);
    }

    @Override
    public RefundOutcome refund(RefundRequest request) {
        return guarded(() -> delegate.refund(request), RefundOutcome.Unknown.class,
                RefundOutcome.Unknown::new, RefundOutcome.Unknown::new);
    }

    @Override
    public RefundQuery queryRefund(String paymentId, String refundId) {
        return retried(() -> guarded(() -> delegate.queryRefund(paymentId, refundId), RefundQuery.Unknown.class,
                RefundQuery.Unknown::new, RefundQuery.Unknown::new), RefundQuery.Unknown.class);
    }

    /** Local work (a signature check): no gateway is called, so neither timeout nor breaker applies. */
    @Override
    public Notification parseNotification(InboundNotification inbound) {
        return delegate.parseNotification(inbound);
    }

    @Override
    public NotificationReply reply(boolean accepted) {
        return delegate.reply(accepted);
    }

    @Override
    public BillDownload downloadBill(java.time.LocalDate day) {
        return guarded(() -> delegate.downloadBill(day), BillDownload.Unknown.class,
                BillDownload.Unknown::new, BillDownload.Unknown::new);
    }

    /**
     * One call through the breaker with the timeout. {@code unknown} builds the answer for a call
     * that timed out or threw; {@code refused} the answer for a call the open breaker kept from the gateway.
     */
    private <T> T guarded(Supplier<T> call, Class<? extends T> unknownType, Function<String, T> unknown,
                          Function<String, T> refused) {
        if (!breaker.tryAcquirePermission()) {
            return refused.apply("channel_unavailable: the " + name() + " breaker is open");
        }
        long start = System.nanoTime();
        T answer;
        try {
            answer = withTimeout(call);
        } catch (TimeoutException e) {
            breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, new UnknownOutcome("timeout"));
            return unknown.apply("no answer within " + timeout.toMillis() + " ms");
        } catch (RuntimeException e) {
            log.warn("The {} channel failed; its outcome is unknown: {}", name(), e.toString());
            breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, e);
            return unknown.apply("channel error: " + e.getClass().getSimpleName());
        }
        if (unknownType.isInstance(answer)) {
            breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, new UnknownOutcome("unknown answer"));
        } else {
            breaker.onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
        return answer;
    }

    /** Retries an unknown answer while the breaker still lets calls through; the retry's backoff decides the waits. */
    private <T> T retried(Supplier<T> call, Class<? extends T> unknownType) {
        Supplier<T> retrying = Retry.decorateSupplier(retry, () -> {
            T answer = call.get();
            if (unknownType.isInstance(answer) && breaker.getState() != CircuitBreaker.State.OPEN) {
                throw new RetryUnknown(answer);
            }
            return answer;
        });
        try {
            return retrying.get();
        } catch (RetryUnknown lastAnswer) {
            return unknownType.cast(lastAnswer.answer());
        }
    }

    private <T> T withTimeout(Supplier<T> call) throws TimeoutException {
        Future<T> future = calls.submit(call::get);
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw e;
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while calling the " + name() + " gateway", e);
        } catch (ExecutionException e) {
            // An Error (the JVM in trouble, or a test's simulated crash) must not be mistaken for a lost answer.
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** What the breaker records for an answer that says nothing about the trade. */
    private static final class UnknownOutcome extends RuntimeException {
        UnknownOutcome(String what) {
            super(what, null, false, false);
        }
    }

    /** Carries an unknown answer through Resilience4j's retry, which retries on exceptions. */
    static final class RetryUnknown extends RuntimeException {
        private final transient Object answer;

        RetryUnknown(Object answer) {
            super("unknown answer", null, false, false);
            this.answer = answer;
        }

        Object answer() {
            return answer;
        }
    }
}
