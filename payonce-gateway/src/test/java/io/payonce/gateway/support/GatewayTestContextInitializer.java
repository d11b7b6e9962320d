package io.payonce.gateway.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/** Points a gateway test context at a fresh database and a fresh keys folder of its own. */
public class GatewayTestContextInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        try {
            TestPropertyValues.of(
                    "payonce.gateway.db.url=" + GatewayTestDatabase.createDatabase(),
                    "payonce.gateway.db.username=" + GatewayTestDatabase.user(),
                    "payonce.gateway.db.password=",
                    "payonce.gateway.data-dir=" + Files.createTempDirectory("sandbox-gateway-it-")).applyTo(context.getEnvironment());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
