package io.payonce.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;

/** Bad configuration stops start-up with a message that names the setting. */
class PayoncePropertiesTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(PropertiesOnly.class)
            .withPropertyValues(
                    "payonce.db.pool-size=16", "payonce.orders.expiry=15m", "payonce.orders.expiry-sweep-interval=5s",
                    "payonce.payments.janitor-interval=2s",
                    "payonce.payments.unknown-after=5s", "payonce.payments.pending-after=60s",
                    "payonce.payments.janitor-batch-max=100", "payonce.idempotency.retention=24h",
                    "payonce.idempotency.lease=30s", "payonce.card-keys.import-batch-max=10000",
                    "payonce.rate-limit.per-second=100", "payonce.db.url=", "payonce.redis.url=", "payonce.admin.token=",
                    "payonce.card-keys.encryption-key=");

    @Test
    void the_defaults_bind() {
        runner.run(context -> assertThat(context).hasNotFailed()
                .getBean(PayonceProperties.class).extracting(p -> p.rateLimit().perSecond()).isEqualTo(100));
    }

    @Test
    void a_pool_size_out_of_range_names_the_setting() {
        runner.withPropertyValues("payonce.db.pool-size=1").run(context ->
                assertThat(context).getFailure().rootCause().hasMessageContaining("payonce.db.poolSize"));
    }

    @Test
    void a_negative_rate_limit_names_the_setting() {
        runner.withPropertyValues("payonce.rate-limit.per-second=-5").run(context ->
                assertThat(context).getFailure().rootCause().hasMessageContaining("payonce.rateLimit.perSecond"));
    }

    @Test
    void a_duration_that_is_not_one_names_the_setting() {
        runner.withPropertyValues("payonce.orders.expiry=soon").run(context ->
                assertThat(context).getFailure().hasStackTraceContaining("payonce.orders.expiry"));
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(PayonceProperties.class)
    static class PropertiesOnly {
    }
}
