package io.payonce.intake;

import java.net.URI;
import java.net.URISyntaxException;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/** RabbitMQ carries the intake signals when {@code payonce.amqp.url} is set; otherwise the poller alone does. */
@Configuration(proxyBeanMethods = false)
class IntakeConfig {

    static final String AMQP_URL = "payonce.amqp.url";

    @Bean(destroyMethod = "close")
    @Conditional(AmqpConfigured.class)
    AmqpIntake amqpIntake(@Value("${" + AMQP_URL + "}") String url, IntakeProperties properties, QueuedOrderWorker worker,
                          MeterRegistry meters) {
        return new AmqpIntake(brokerUri(url), properties, worker, meters);
    }

    @Bean
    @ConditionalOnMissingBean(IntakeSignal.class)
    IntakeSignal pollOnlyIntake() {
        return IntakeSignal.POLL_ONLY;
    }

    /** The URL must be amqp:// or amqps:// with a host; the message never repeats it, as it may hold a password. */
    static URI brokerUri(String url) {
        try {
            URI uri = new URI(url.strip());
            if (!("amqp".equals(uri.getScheme()) || "amqps".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new URISyntaxException("(hidden)", "not amqp://host[:port][/vhost]");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(AMQP_URL + " (PAYONCE_AMQP_URL) must be amqp://user:password@host:port/vhost or amqps://...: "
                    + e.getReason());
        }
    }

    /** A broker URL is set (and not blank). */
    static final class AmqpConfigured implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return StringUtils.hasText(context.getEnvironment().getProperty(AMQP_URL));
        }
    }
}
