package io.payonce.coordination;

import java.util.concurrent.TimeUnit;

import org.redisson.api.RedissonClient;
import org.redisson.api.redisnode.RedisNodes;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * The {@code redis} health component: UP, or DEGRADED while Redis does not answer. DEGRADED, not
 * DOWN, because payonce serves correctly without Redis (limits per instance, no cache): a load
 * balancer that took every instance out when their shared Redis failed would turn a slower
 * service into none. The health answer stays 200 for it (application.yml maps the status); the
 * details on the management port say what is missing. Each check pings through the
 * {@link RedisGuard}, so with no traffic the check itself is the probe that closes the breaker.
 */
final class RedisHealthIndicator implements HealthIndicator {

    /** Degraded: working, without Redis. Mapped to 200 and ordered between DOWN and UP in application.yml. */
    static final Status DEGRADED = new Status("DEGRADED", "Redis unavailable: rate limits per instance, stored answers from PostgreSQL only");

    private final RedissonClient redisson;
    private final RedisGuard guard;

    RedisHealthIndicator(RedissonClient redisson, RedisGuard guard) {
        this.redisson = redisson;
        this.guard = guard;
    }

    @Override
    public Health health() {
        boolean answered = guard.call("health_check", this::ping, () -> false);
        Health.Builder health = answered && guard.available() ? Health.up() : Health.status(DEGRADED);
        return health.withDetail("circuit", guard.state()).withDetail("fallbacks", guard.fallbacks()).build();
    }

    private boolean ping() {
        if (!redisson.getRedisNodes(RedisNodes.SINGLE).pingAll(1, TimeUnit.SECONDS)) {
            throw new IllegalStateException("Redis did not answer PING within 1 s");
        }
        return true;
    }
}
