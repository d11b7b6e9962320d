package io.payonce.channels;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedRetryMetrics;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import org.springframework.stereotype.Component;

/**
 * The payment channels this instance knows, by name, each as payonce calls it
 * ({@link ResilientChannel}: timeout, circuit breaker, retries of the calls safe to repeat), and
 * the choice of channel for a new payment ({@link #route}). Breakers and retries are exported as
 * {@code resilience4j_circuitbreaker_*} and {@code resilience4j_retry_*} metrics, tagged by channel.
 */
@Component
public class PaymentChannels {

    /** Used when an order's payment names no channel. */
    public static final String DEFAULT_CHANNEL = "alipay";
    /**
     * The reason of the decline a channel answers, without calling its gateway, to a new trade
     * while its breaker is open; also the payment's failure code then.
     */
    public static final String BREAKER_OPEN = "channel_unavailable";

    private final Map<String, ResilientChannel> byName;
    private final List<String> fallbackOrder;
    // Each call runs on its own virtual thread so that the caller can stop waiting at the timeout.
    private final ExecutorService calls = Executors.newVirtualThreadPerTaskExecutor();

    PaymentChannels(List<PaymentChannel> channels, ChannelResilienceProperties settings, Clock clock, MeterRegistry meters) {
        ChannelResilienceProperties.Resilience resilience = settings.resilience();
        CircuitBreakerRegistry breakers = CircuitBreakerRegistry.of(breakerConfig(resilience.breaker(), clock));
        RetryRegistry retries = RetryRegistry.of(retryConfig(resilience.retry()));
        this.byName = channels.stream().collect(Collectors.toUnmodifiableMap(PaymentChannel::name,
                channel -> new ResilientChannel(channel, breakers.circuitBreaker(channel.name()), retries.retry(channel.name()),
                        resilience.callTimeout(), calls)));
        this.fallbackOrder = List.copyOf(settings.fallbackOrder());
        requireKnown(fallbackOrder);
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(breakers).bindTo(meters);
        TaggedRetryMetrics.ofRetryRegistry(retries).bindTo(meters);
    }

    public Optional<PaymentChannel> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public Set<String> names() {
        return byName.keySet();
    }

    /**
     * The channel a new payment asked for {@code requested} should use: that one while its breaker
     * lets calls through, otherwise the next channel in {@code payonce.channels.fallback-order}
     * (wrapping round) whose breaker does; the requested one when none does (its call is then
     * refused at once). Only for payments not yet opened: an opened payment stays on its channel.
     */
    public String route(String requested) {
        if (!byName.containsKey(requested) || letsCallsThrough(requested)) {
            return requested;
        }
        return fallbacksOf(requested).stream().filter(this::letsCallsThrough).findFirst().orElse(requested);
    }

    /** Whether the channel's breaker would let a call through now (closed, half-open, or open past its wait). */
    public boolean letsCallsThrough(String name) {
        CircuitBreaker breaker = byName.get(name).breaker();
        if (breaker.getState() == CircuitBreaker.State.CLOSED) {
            return true;
        }
        if (!breaker.tryAcquirePermission()) {
            return false;
        }
        // Asking took one of the half-open state's trial permits: give it back for the real call.
        breaker.releasePermission();
        return true;
    }

    /** The channels after {@code requested} in the fallback order, wrapping round; empty when it is not in the order. */
    private List<String> fallbacksOf(String requested) {
        int at = fallbackOrder.indexOf(requested);
        if (at < 0) {
            return List.of();
        }
        List<String> next = new ArrayList<>(fallbackOrder.subList(at + 1, fallbackOrder.size()));
        next.addAll(fallbackOrder.subList(0, at));
        return next;
    }

    private void requireKnown(List<String> order) {
        for (String name : order) {
            if (!byName.containsKey(name)) {
                throw new IllegalStateException("payonce.channels.fallback-order names '" + name + "', which is not a channel here; known: "
                        + byName.keySet().stream().sorted().collect(Collectors.joining(", ")));
            }
        }
        if (order.stream().distinct().count() != order.size()) {
            throw new IllegalStateException("payonce.channels.fallback-order names a channel twice: " + order);
        }
    }

    private static CircuitBreakerConfig breakerConfig(ChannelResilienceProperties.Breaker breaker, Clock clock) {
        return CircuitBreakerConfig.custom()
                .failureRateThreshold(breaker.failureRatePercent())
                .slidingWindow(breaker.windowCalls(), Math.min(breaker.minimumCalls(), breaker.windowCalls()),
                        CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .waitDurationInOpenState(breaker.openFor())
                .permittedNumberOfCallsInHalfOpenState(breaker.halfOpenCalls())
                // The injectable clock measures the open state's wait, so tests move time instead of sleeping.
                .clock(clock)
                .build();
    }

    private static RetryConfig retryConfig(ChannelResilienceProperties.Retry retry) {
        return RetryConfig.custom()
                .maxAttempts(retry.attemptsMax())
                .intervalFunction(IntervalFunction.ofExponentialRandomBackoff(retry.backoffInitial(), retry.backoffMultiplier(),
                        retry.jitter(), retry.backoffMax()))
                .retryExceptions(ResilientChannel.RetryUnknown.class)
                .build();
    }

    @PreDestroy
    void stopCalls() {
        calls.shutdownNow();
    }
}
