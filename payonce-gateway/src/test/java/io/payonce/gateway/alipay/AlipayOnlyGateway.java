package io.payonce.gateway.alipay;

import io.payonce.gateway.keys.SandboxKeys;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/** The Alipay protocol layer on Tomcat over a {@link MemoryBook}: no database, no notifier. */
@SpringBootConfiguration
@EnableAutoConfiguration(excludeName = {"org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration"})
@Import({AlipayGatewayConfig.class, AlipayOpenApiController.class, PrecreateMethod.class, QueryMethod.class, CloseMethod.class,
        RefundMethod.class, RefundQueryMethod.class, AlipayNotificationFormat.class})
class AlipayOnlyGateway {

    static final SandboxKeys KEYS = SandboxKeys.generate();

    @Bean
    SandboxKeys sandboxKeys() {
        return KEYS;
    }

    @Bean
    MemoryBook memoryBook() {
        return new MemoryBook();
    }
}
