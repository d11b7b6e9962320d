package io.payonce.gateway.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.payonce.gateway.SandboxGatewayApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;

/**
 * A whole sandbox gateway on a random port, with its own fresh database and keys folder, a
 * {@link CallbackRecorder} on its own port to send notifications to, and a schedule of four 40 ms
 * retries. Its real notification formats are used; add {@link WithTestNotificationFormat} to
 * replace them with a plain test format. Its pool is small because the machine's PostgreSQL
 * serves every engineer's tests.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(classes = SandboxGatewayApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "spring.config.name=" + SandboxGatewayApplication.CONFIG_NAME,
                "payonce.gateway.db.pool-size=6",
                "payonce.gateway.notify-retry-delays=40ms,40ms,40ms,40ms",
                "payonce.gateway.lost-answer-hold=200ms",
        })
@ContextConfiguration(initializers = GatewayTestContextInitializer.class)
@Import(CallbackRecorder.class)
public @interface GatewayIntegrationTest {
}
