package io.payonce.support;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import io.payonce.PayonceApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.MetadataReaderFactory;

/**
 * Another payonce started by a test against the test context's database, with the test settings
 * and any others given (command-line arguments: they outrank application.yml). The test's own
 * components (recorders, clocks) stay out of it.
 */
public final class SecondPayonce implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    private SecondPayonce(ConfigurableApplicationContext context) {
        this.context = context;
    }

    public static SecondPayonce start(Environment testContext, String... settings) {
        return new SecondPayonce(builder().run(arguments(testContext, settings)));
    }

    /** The builder {@link #start} uses, for a test that expects the start to fail. */
    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(PayonceApplication.class)
                .initializers(context -> context.getBeanFactory().registerSingleton("skipTestComponents", new SkipTestComponents()));
    }

    public static String[] arguments(Environment testContext, String... settings) {
        List<String> arguments = new ArrayList<>(List.of(
                "--payonce.db.url=" + testContext.getProperty("payonce.db.url"),
                "--payonce.db.username=" + testContext.getProperty("payonce.db.username"),
                "--payonce.db.password=",
                "--payonce.db.pool-size=4",
                "--server.port=0",
                "--payonce.admin.token=" + IntegrationTest.ADMIN_TOKEN,
                "--payonce.rate-limit.per-second=0",
                "--payonce.card-keys.encryption-key=" + IntegrationTest.CARD_KEY_ENCRYPTION_KEY,
                "--payonce.reservations.buyer-units-max=0",
                "--payonce.reservations.ip-units-max=0"));
        // A setting given here replaces the default above (a repeated command-line option would
        // bind as a list of both values).
        for (String setting : settings) {
            String name = setting.split("=", 2)[0];
            arguments.removeIf(argument -> argument.split("=", 2)[0].equals(name));
        }
        arguments.addAll(List.of(settings));
        return arguments.toArray(String[]::new);
    }

    public int port() {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    public int managementPort() {
        return Integer.parseInt(context.getEnvironment().getRequiredProperty("local.management.port"));
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    @Override
    public void close() {
        context.close();
    }

    /** Keeps the tests' own components out of a second instance, as Spring's test support does for the first. */
    static final class SkipTestComponents extends TypeExcludeFilter {
        @Override
        public boolean match(MetadataReader reader, MetadataReaderFactory factory) throws IOException {
            return reader.getAnnotationMetadata().isAnnotated(TestComponent.class.getName());
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof SkipTestComponents;
        }

        @Override
        public int hashCode() {
            return SkipTestComponents.class.hashCode();
        }
    }
}
