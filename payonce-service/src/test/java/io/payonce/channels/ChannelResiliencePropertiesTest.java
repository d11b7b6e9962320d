package io.payonce.channels;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import io.payonce.idempotency.CompleterProperties;
import io.payonce.payments.JanitorProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * The settings of channel calls, the janitor and the completer: application.yml's defaults bind,
 * and a bad value stops start-up with a message that names the setting.
 */
class ChannelResiliencePropertiesTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(SettingsOnly.class)
            .withInitializer(context -> context.getEnvironment().getPropertySources().addLast(applicationYml()));

    @Test
    void the_defaults_in_application_yml_bind() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            ChannelResilienceProperties channels = context.getBean(ChannelResilienceProperties.class);
            assertThat(channels.fallbackOrder()).isEmpty();
            assertThat(channels.resilience().callTimeout().toSeconds()).isEqualTo(15);
            assertThat(channels.resilience().breaker().windowCalls()).isEqualTo(20);
            assertThat(channels.resilience().retry().attemptsMax()).isEqualTo(3);
            assertThat(context.getBean(JanitorProperties.class).queryBackoff()).hasSize(4);
            assertThat(context.getBean(CompleterProperties.class).after().toMinutes()).isEqualTo(5);
        });
    }

    @Test
    void a_fallback_order_binds_from_a_comma_separated_list() {
        runner.withPropertyValues("payonce.channels.fallback-order=alipay,wechat").run(context ->
                assertThat(context.getBean(ChannelResilienceProperties.class).fallbackOrder()).isEqualTo(List.of("alipay", "wechat")));
    }

    @ParameterizedTest
    @CsvSource({
            "payonce.channels.resilience.call-timeout=0s, payonce.channels.resilience.callTimeout",
            "payonce.channels.resilience.breaker.open-for=-1s, payonce.channels.resilience.breaker.openFor",
            "payonce.channels.resilience.breaker.failure-rate-percent=0, payonce.channels.resilience.breaker.failureRatePercent",
            "payonce.channels.resilience.breaker.window-calls=0, payonce.channels.resilience.breaker.windowCalls",
            "payonce.channels.resilience.retry.attempts-max=0, payonce.channels.resilience.retry.attemptsMax",
            "payonce.channels.resilience.retry.attempts-max=11, payonce.channels.resilience.retry.attemptsMax",
            "payonce.channels.resilience.retry.jitter=1.0, payonce.channels.resilience.retry.jitter",
            "payonce.channels.resilience.retry.backoff-multiplier=0.5, payonce.channels.resilience.retry.backoffMultiplier",
            "payonce.janitor.query-attempts-max=0, payonce.janitor.queryAttemptsMax",
            "payonce.janitor.query-before-expiry=0s, payonce.janitor.queryBeforeExpiry",
            "payonce.idempotency.completer.after=0s, payonce.idempotency.completer.after",
            "payonce.idempotency.completer.batch-max=0, payonce.idempotency.completer.batchMax",
    })
    void a_bad_value_stops_start_up_naming_the_setting(String setting, String named) {
        runner.withPropertyValues(setting).run(context -> assertThat(context).getFailure().hasStackTraceContaining(named));
    }

    @SuppressWarnings("unchecked")
    private static PropertySource<Map<String, Object>> applicationYml() {
        try {
            return (PropertySource<Map<String, Object>>) new YamlPropertySourceLoader()
                    .load("application.yml", new ClassPathResource("application.yml")).get(0);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({ChannelResilienceProperties.class, JanitorProperties.class, CompleterProperties.class})
    static class SettingsOnly {
    }
}
