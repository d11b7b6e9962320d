package io.payonce.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
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

    @ParameterizedTest
    @ValueSource(strings = {"orders.expiry", "orders.expiry-sweep-interval", "payments.janitor-interval",
            "payments.unknown-after", "payments.pending-after", "idempotency.retention", "idempotency.lease"})
    void a_zero_or_negative_duration_stops_start_up_naming_the_setting(String setting) {
        String camel = java.util.regex.Pattern.compile("-(\\w)").matcher(setting).replaceAll(m -> m.group(1).toUpperCase());
        for (String value : new String[] {"0s", "-5s"}) {
            runner.withPropertyValues("payonce." + setting + "=" + value).run(context -> assertThat(context).getFailure()
                    .hasStackTraceContaining("payonce." + camel)
                    .hasStackTraceContaining("must be a positive duration"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"lock-wait", "lock-lease", "timestamp-window", "nonce-retention"})
    void a_zero_membership_duration_stops_start_up_naming_the_setting(String setting) {
        String camel = java.util.regex.Pattern.compile("-(\\w)").matcher(setting).replaceAll(m -> m.group(1).toUpperCase());
        runner.withUserConfiguration(MembershipOnly.class).withPropertyValues("payonce.membership." + setting + "=0s")
                .run(context -> {
                    java.io.StringWriter trace = new java.io.StringWriter();
                    assertThat(context).hasFailed();
                    context.getStartupFailure().printStackTrace(new java.io.PrintWriter(trace));
                    // Named by the validator (camelCase) or by the record's own cross-field check (as written in YAML).
                    assertThat(trace.toString()).containsAnyOf("payonce.membership." + camel, "payonce.membership." + setting);
                });
    }

    @Test
    void a_zero_job_retry_delay_stops_start_up_naming_the_setting() {
        runner.withUserConfiguration(JobsOnly.class).withPropertyValues("payonce.jobs.retry-initial=0s").run(context ->
                assertThat(context).getFailure().hasStackTraceContaining("payonce.jobs.retryInitial")
                        .hasStackTraceContaining("must be a positive duration"));
        runner.withUserConfiguration(JobsOnly.class).withPropertyValues("payonce.jobs.retry-initial=1m", "payonce.jobs.retry-max=10s")
                .run(context -> assertThat(context).getFailure().hasStackTraceContaining("payonce.jobs.retry-max"));
        runner.withUserConfiguration(JobsOnly.class).run(context -> assertThat(context).hasNotFailed()
                .getBean(io.payonce.jobs.JobsProperties.class).extracting(j -> j.retryInitial().toSeconds()).isEqualTo(10L));
    }

    @Test
    void settings_print_their_secrets_redacted() {
        runner.withPropertyValues("payonce.admin.token=admin-token-secret-123456",
                        "payonce.card-keys.encryption-key=AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=",
                        "payonce.db.url=jdbc:postgresql://db.example:5432/payonce?user=app&password=db-secret-pw",
                        "payonce.db.password=db-secret-pw", "payonce.redis.url=redis://:redis-secret-pw@cache.example:6379")
                .run(context -> {
                    String printed = context.getBean(PayonceProperties.class).toString();
                    assertThat(printed).doesNotContain("admin-token-secret", "AAECAwQF", "db-secret-pw", "redis-secret-pw")
                            .contains("db.example:5432", "cache.example:6379", "token=(redacted)", "encryptionKey=(redacted)");
                });
    }

    @Test
    void an_unset_secret_prints_as_none() {
        runner.run(context -> assertThat(context.getBean(PayonceProperties.class).admin().toString()).isEqualTo("Admin[token=(none)]"));
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(io.payonce.membership.MembershipProperties.class)
    static class MembershipOnly {
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(io.payonce.jobs.JobsProperties.class)
    static class JobsOnly {
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(PayonceProperties.class)
    static class PropertiesOnly {
    }
}
