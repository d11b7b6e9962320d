package io.payonce.coordination;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether payonce should ask Redis right now, for the rate limits and the answer cache: a
 * circuit breaker that opens after a few failures, so a Redis outage costs each request a local
 * fallback instead of a timeout, and that lets one probe through every {@code probeInterval}, so
 * service through Redis comes back by itself when Redis does. Counts every fallback by use
 * ({@code payonce.redis.fallbacks}) and shows the breaker's state ({@code payonce.redis.available}).
 */
public final class RedisGuard {

    private static final Logger log = LoggerFactory.getLogger(RedisGuard.class);

    private final CircuitBreaker breaker;
    private final MeterRegistry meters;
    private final Map<String, Counter> fallbacks = new ConcurrentHashMap<>();

    public RedisGuard(Duration probeInterval, MeterRegistry meters) {
        this.meters = meters;
        this.breaker = CircuitBreaker.of("redis", CircuitBreakerConfig.custom()
                // Three failures among the last ten calls open it: a rate limit asks on every request,
                // so ten calls are a few milliseconds of traffic, and three timeouts are all an outage costs.
                .slidingWindowSize(10)
                .minimumNumberOfCalls(3)
                .failureRateThreshold(25)
                .waitDurationInOpenState(probeInterval)
                .permittedNumberOfCallsInHalfOpenState(1)
                .build());
        breaker.getEventPublisher().onStateTransition(event -> logTransition(event.getStateTransition()));
        Gauge.builder("payonce.redis.available", this, guard -> guard.available() ? 1 : 0)
                .description("1 while payonce uses Redis, 0 while it falls back (Redis unavailable)")
                .register(meters);
    }

    /**
     * Runs {@code call} against Redis, or answers {@code fallback} without asking it when the
     * breaker is open, or when the call fails (a {@link RuntimeException}; the failure counts
     * towards opening the breaker).
     */
    public <T> T call(String use, Supplier<T> call, Supplier<T> fallback) {
        if (!breaker.tryAcquirePermission()) {
            return fellBack(use, fallback);
        }
        long started = System.nanoTime();
        try {
            T result = call.get();
            breaker.onSuccess(System.nanoTime() - started, TimeUnit.NANOSECONDS);
            return result;
        } catch (RuntimeException e) {
            breaker.onError(System.nanoTime() - started, TimeUnit.NANOSECONDS, e);
            log.debug("Redis call for {} failed: {}", use, e.toString());
            return fellBack(use, fallback);
        }
    }

    /** True unless the breaker is open (Redis failed recently and has not been probed since). */
    public boolean available() {
        return breaker.getState() != CircuitBreaker.State.OPEN && breaker.getState() != CircuitBreaker.State.FORCED_OPEN;
    }

    /** The breaker's state, for health details. */
    public String state() {
        return breaker.getState().name();
    }

    /** Fallbacks so far, all uses together, for health details. */
    public long fallbacks() {
        return fallbacks.values().stream().mapToLong(counter -> (long) counter.count()).sum();
    }

    private static void logTransition(CircuitBreaker.StateTransition transition) {
        switch (transition.getToState()) {
            case OPEN -> log.warn("Redis unavailable: rate limits per instance, stored answers from PostgreSQL only, "
                    + "until a probe finds it answering ({})", transition);
            case CLOSED -> log.info("Redis answering again: shared rate limits and the answer cache are back ({})", transition);
            default -> log.debug("Redis circuit {}", transition);
        }
    }

    private <T> T fellBack(String use, Supplier<T> fallback) {
        fallbacks.computeIfAbsent(use, name -> Counter.builder("payonce.redis.fallbacks")
                .description("Requests served without Redis (local rate limit, cache skipped) because it was unavailable")
                .tag("use", name).register(meters)).increment();
        return fallback.get();
    }
}
