package io.payonce.coordination;

import io.micrometer.core.instrument.MeterRegistry;
import io.payonce.config.PayonceProperties;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * Wires the lock service: in-process by default, Redisson when {@code payonce.redis.url}
 * (PAYONCE_REDIS_URL) is set. The Redisson client is built here rather than by its Spring Boot
 * starter, because the starter connects at start-up even when no Redis is wanted.
 */
@Configuration(proxyBeanMethods = false)
class CoordinationConfig {

    private static final Logger log = LoggerFactory.getLogger(CoordinationConfig.class);

    @Bean(destroyMethod = "shutdown")
    @Conditional(RedisConfigured.class)
    RedissonClient redissonClient(PayonceProperties properties) {
        String url = properties.redis().url().trim();
        if (!url.startsWith("redis://") && !url.startsWith("rediss://")) {
            throw new IllegalStateException("payonce.redis.url (PAYONCE_REDIS_URL) must start with redis:// or rediss://");
        }
        Config config = new Config();
        // Two cores: Redisson's default of 32 Netty threads would only add context switches.
        config.setNettyThreads(4);
        config.useSingleServer()
                .setAddress(url)
                .setConnectionMinimumIdleSize(2)
                .setConnectionPoolSize(32)
                // Fail fast: a lock that does not answer within a second is skipped, not waited for.
                .setConnectTimeout(2_000)
                .setTimeout(1_000)
                .setRetryAttempts(1);
        try {
            RedissonClient client = Redisson.create(config);
            log.info("Coordination through Redis at {}", url.replaceAll("//[^@/]*@", "//***@"));
            return client;
        } catch (RuntimeException e) {
            throw new IllegalStateException("Could not connect to payonce.redis.url (PAYONCE_REDIS_URL); unset it to coordinate in-process", e);
        }
    }

    @Bean
    LockService lockService(ObjectProvider<RedissonClient> redisson, CoordinationProperties properties, MeterRegistry meters) {
        LocalLockService local = new LocalLockService(properties.lockStripes(), meters);
        RedissonClient client = redisson.getIfAvailable();
        return client == null ? local : new RedissonLockService(client, local, properties.redisKeyPrefix() + "lock:", meters);
    }

    @Bean
    @Conditional(RedisConfigured.class)
    RedisGuard redisGuard(CoordinationProperties properties, MeterRegistry meters) {
        return new RedisGuard(properties.redisProbeInterval(), meters);
    }

    @Bean
    @Conditional(RedisConfigured.class)
    RedisHealthIndicator redisHealthIndicator(RedissonClient redisson, RedisGuard guard) {
        return new RedisHealthIndicator(redisson, guard);
    }

    @Bean
    RateLimiters rateLimiters(ObjectProvider<RedissonClient> redisson, ObjectProvider<RedisGuard> guard, CoordinationProperties properties) {
        return new RateLimiters(redisson.getIfAvailable(), guard.getIfAvailable(), properties);
    }

    /** True when payonce.redis.url is non-blank (ConditionalOnProperty would match an empty value). */
    static final class RedisConfigured implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return StringUtils.hasText(context.getEnvironment().getProperty("payonce.redis.url"));
        }
    }
}
