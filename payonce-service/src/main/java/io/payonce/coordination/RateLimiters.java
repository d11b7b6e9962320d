package io.payonce.coordination;

import org.redisson.api.RedissonClient;

/** Makes the rate limiters: shared through Redis when it is configured, in memory otherwise. */
public final class RateLimiters {

    private final RedissonClient redisson;
    private final RedisGuard guard;
    private final CoordinationProperties properties;

    RateLimiters(RedissonClient redisson, RedisGuard guard, CoordinationProperties properties) {
        this.redisson = redisson;
        this.guard = guard;
        this.properties = properties;
    }

    /** A limiter of {@code perSecond} per key, its keys in a namespace of their own ({@code name}). */
    public RateLimiter create(String name, int perSecond) {
        int capacity = Math.max(1, perSecond);
        RateLimiter local = RateLimiter.local(new ClientBuckets(capacity, properties.rateLimitClientsMax()));
        return redisson == null ? local
                : new SharedRateLimiter(redisson, properties.redisKeyPrefix() + "rate:" + name + ":", capacity, local, guard);
    }
}
