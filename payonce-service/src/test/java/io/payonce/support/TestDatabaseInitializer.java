package io.payonce.support;

import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.test.context.support.TestPropertySourceUtils;

/**
 * Points a test context at a fresh database of its own and at the JVM's sandbox gateway
 * ({@link SandboxGatewayServer}), and holds it to the one transaction style
 * ({@link WritesNeedTransactions}).
 */
public class TestDatabaseInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    /** The property source of the sandbox gateway's merchant settings. */
    static final String SANDBOX_GATEWAY_SOURCE = "sandboxGatewayMerchantSettings";

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        TestPropertyValues.of(
                "payonce.db.url=" + TestDatabase.createDatabase(),
                "payonce.db.username=" + TestDatabase.user(),
                "payonce.db.password=").applyTo(context.getEnvironment());
        addSandboxGateway(context.getEnvironment());
        context.getBeanFactory().addBeanPostProcessor(new WritesNeedTransactions());
    }

    /**
     * Below a test's own properties, so a test can point a channel elsewhere (a dead port, a stub),
     * and above application.yml, so the sandbox wins over any default gateway URL.
     */
    private static void addSandboxGateway(ConfigurableEnvironment environment) {
        java.util.Map<String, Object> settings = new java.util.LinkedHashMap<>(SandboxGatewayServer.get().serviceSettings());
        MapPropertySource gateway = new MapPropertySource(SANDBOX_GATEWAY_SOURCE, settings);
        MutablePropertySources sources = environment.getPropertySources();
        if (sources.contains(TestPropertySourceUtils.INLINED_PROPERTIES_PROPERTY_SOURCE_NAME)) {
            sources.addAfter(TestPropertySourceUtils.INLINED_PROPERTIES_PROPERTY_SOURCE_NAME, gateway);
        } else {
            sources.addFirst(gateway);
        }
    }
}
