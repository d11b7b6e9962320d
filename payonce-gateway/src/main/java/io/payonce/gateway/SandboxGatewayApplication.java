package io.payonce.gateway;

import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;

/**
 * The sandbox gateway: plays Alipay and WeChat Pay for payonce, in their own wire formats, in a
 * process of its own ({@code ./payonce gateway}). Its settings are read from
 * {@code sandbox-gateway.yml} (not {@code application.yml}) and its migrations from
 * {@code classpath:db/sandbox-gateway}, so that it can share a JVM with the service in tests
 * without either one picking up the other's configuration.
 */
// Flyway is run by GatewayConfig with the gateway's own location only: Boot's would default to
// classpath:db/migration, which in a JVM shared with the service holds the service's migrations.
@SpringBootApplication(exclude = FlywayAutoConfiguration.class)
@ConfigurationPropertiesScan
public class SandboxGatewayApplication {

    /** The configuration file name, instead of Spring Boot's {@code application}. */
    public static final String CONFIG_NAME = "sandbox-gateway";

    public static void main(String[] args) {
        application().run(args);
    }

    /** The application as every launcher (the CLI, tests, the bench) starts it. */
    public static SpringApplication application() {
        SpringApplication application = new SpringApplication(SandboxGatewayApplication.class);
        application.setDefaultProperties(Map.of("spring.config.name", CONFIG_NAME));
        // Started from a launcher or a test runner, Spring would name that class as the application.
        application.setMainApplicationClass(SandboxGatewayApplication.class);
        return application;
    }
}
