package io.payonce.payments;

import io.payonce.config.PayonceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The janitor's query schedule, from its settings. */
@Configuration(proxyBeanMethods = false)
class JanitorConfig {

    @Bean
    QuerySchedule querySchedule(PayonceProperties properties, JanitorProperties janitor) {
        return new QuerySchedule(properties.payments().unknownAfter(), properties.payments().pendingAfter(),
                janitor.queryBackoff(), janitor.queryAttemptsMax(), janitor.queryBeforeExpiry());
    }
}
