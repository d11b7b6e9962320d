package io.payonce.gateway.keys;

import java.nio.file.Path;

import io.payonce.gateway.config.GatewaySettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

/**
 * The sandbox's keys, read from (or made on the first start in) {@code payonce.gateway.keys-dir},
 * and payonce's side of them written as {@code merchant.properties} once the port is known, so a
 * launcher can hand that file to the service.
 */
@Configuration(proxyBeanMethods = false)
public class KeysConfig {

    private static final Logger log = LoggerFactory.getLogger(KeysConfig.class);

    private final GatewaySettings settings;

    KeysConfig(GatewaySettings settings) {
        this.settings = settings;
    }

    @Bean
    SandboxKeys sandboxKeys() {
        return SandboxKeys.loadOrCreate(settings.keysPath());
    }

    /** Written on every start: the port, and so the URLs, may differ from the last run's. */
    @EventListener
    void onWebServerReady(WebServerInitializedEvent event) {
        if (event.getApplicationContext().getServerNamespace() != null) {
            return;
        }
        String base = settings.publicBaseUrl() == null || settings.publicBaseUrl().isBlank()
                ? "http://127.0.0.1:" + event.getWebServer().getPort()
                : stripTrailingSlash(settings.publicBaseUrl());
        SandboxKeys keys = event.getApplicationContext().getBean(SandboxKeys.class);
        Path file = keys.writeMerchantProperties(settings.keysPath(), base);
        log.info("Sandbox gateway at {}: payonce's settings for it are in {}", base, file);
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
