package io.payonce.gateway.alipay;

import java.util.List;

import io.payonce.gateway.keys.SandboxKeys;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Alipay's side of the sandbox: the openapi endpoint over every {@link AlipayMethod} bean. */
@Configuration(proxyBeanMethods = false)
class AlipayGatewayConfig {

    @Bean
    AlipayOpenApi alipayOpenApi(SandboxKeys keys, List<AlipayMethod> methods) {
        return new AlipayOpenApi(keys, methods);
    }
}
