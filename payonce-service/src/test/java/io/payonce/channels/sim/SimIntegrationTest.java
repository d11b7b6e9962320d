package io.payonce.channels.sim;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.payonce.support.IntegrationTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/**
 * A full payonce whose simulated gateways notify the test's {@link CallbackRecorder} and retry
 * quickly (4 retries, 40 ms apart), so that retry schedules run to the end within a test. Its
 * pool is small because the machine's PostgreSQL (100 connections) serves every engineer's tests.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@IntegrationTest
@Import(CallbackRecorder.class)
@TestPropertySource(properties = {
        "payonce.sim.notify-url=http://127.0.0.1:{port}/test-callbacks/{channel}",
        "payonce.sim.notify-retry-delays=40ms,40ms,40ms,40ms",
        "payonce.db.pool-size=8",
})
@interface SimIntegrationTest {
}
