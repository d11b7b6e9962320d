package io.payonce.coordination;

import io.github.bucket4j.ConsumptionProbe;

/**
 * A token bucket per key (a client address, a caller): in memory per instance by default, shared
 * by every instance through Redis when payonce.redis.url is set ({@link SharedRateLimiter}).
 */
public interface RateLimiter {

    /** Takes one token from the key's bucket; the probe says whether it was there and when the next one is. */
    ConsumptionProbe tryConsume(String key);

    /** The in-memory limiter: one bucket per key in {@code buckets}. */
    static RateLimiter local(ClientBuckets buckets) {
        return key -> buckets.forClient(key).tryConsumeAndReturnRemaining(1);
    }
}
