package io.payonce.coordination;

import java.time.Duration;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.redisson.Bucket4jRedisson;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;

/**
 * Token buckets kept in Redis, so every instance draws on one budget per key (a client address,
 * a caller): three instances behind a load balancer allow a client what one would, not three
 * times as much. Bucket4j updates a bucket with compare-and-swap, so no lock is held. When Redis
 * does not answer, the in-memory buckets take over ({@link RedisGuard}): each instance then
 * enforces the limit on its own share of the traffic, so a client may get up to once the limit
 * per instance until Redis is back; the service itself stays correct, since no guarantee rests
 * on a rate limit.
 */
public final class SharedRateLimiter implements RateLimiter {

    /**
     * A bucket untouched this long after it would have refilled is dropped by Redis: a full
     * bucket and a missing one behave alike, so this only bounds Redis's memory.
     */
    private static final Duration KEPT_AFTER_REFILL = Duration.ofSeconds(10);

    private final ProxyManager<String> buckets;
    private final BucketConfiguration configuration;
    private final String keyPrefix;
    private final RateLimiter local;
    private final RedisGuard guard;
    private final String use;

    public SharedRateLimiter(RedissonClient redisson, String keyPrefix, int perSecond, RateLimiter local, RedisGuard guard) {
        this.buckets = Bucket4jRedisson.casBasedBuilder(((Redisson) redisson).getCommandExecutor())
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(KEPT_AFTER_REFILL))
                .build();
        this.configuration = BucketConfiguration.builder()
                .addLimit(Bandwidth.builder().capacity(perSecond).refillGreedy(perSecond, Duration.ofSeconds(1)).build())
                .build();
        this.keyPrefix = keyPrefix;
        this.local = local;
        this.guard = guard;
        this.use = "rate_limit";
    }

    @Override
    public ConsumptionProbe tryConsume(String key) {
        return guard.call(use, () -> buckets.builder().build(keyPrefix + key, () -> configuration).tryConsumeAndReturnRemaining(1),
                () -> local.tryConsume(key));
    }
}
