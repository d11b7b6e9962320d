package io.payonce.coordination;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of locks and rate limits ({@code payonce.coordination.*}). Redis itself is named by
 * {@code payonce.redis.url} and the limit by {@code payonce.rate-limit.per-second}.
 *
 * @param lockStripes        in-process lock stripes (a power of two); 4096 makes two hot keys
 *                           sharing a stripe unlikely while costing about 200 KB
 * @param redisKeyPrefix     prefix of every Redis key payonce writes, so several deployments can share one Redis
 * @param rateLimitClientsMax client addresses whose buckets are remembered; past it the oldest half
 *                           is forgotten, bounding memory (about 200 bytes per address) under a spoofed-address flood
 * @param redisProbeInterval  how long payonce serves without Redis after it failed before asking it again
 *                            (rate limits, answer cache); the shorter, the sooner it is back after an
 *                            outage, at the cost of one slow request per interval while it lasts
 */
@Validated
@ConfigurationProperties("payonce.coordination")
public record CoordinationProperties(
        @DefaultValue("4096") @Min(16) @Max(1 << 20) int lockStripes,
        @DefaultValue("payonce:") @NotBlank String redisKeyPrefix,
        @DefaultValue("100000") @Min(100) @Max(10_000_000) int rateLimitClientsMax,
        @DefaultValue("5s") Duration redisProbeInterval) {

    public CoordinationProperties {
        if (redisProbeInterval == null || redisProbeInterval.isNegative() || redisProbeInterval.isZero()) {
            throw new IllegalStateException("payonce.coordination.redis-probe-interval (PAYONCE_COORDINATION_REDIS_PROBE_INTERVAL) "
                    + "must be a positive duration, e.g. 5s");
        }
    }
}
