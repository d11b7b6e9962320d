package io.payonce.webhooks;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.payonce.support.IntegrationTest;
import org.springframework.test.context.TestPropertySource;

/**
 * payonce with a retry schedule of a few hundred milliseconds instead of a day, and the deliverer
 * looking every 100 ms, so a receiver that is down for a while can be waited out in a test. The
 * webhook tests share this one context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@IntegrationTest
@TestPropertySource(properties = {
        "payonce.webhooks.poll-interval=100ms",
        "payonce.webhooks.retry-delays=300ms,300ms,300ms,300ms,300ms,300ms,300ms,300ms,300ms,300ms,300ms,300ms,300ms,300ms,300ms,300ms,300ms,300ms,300ms,300ms",
        "payonce.webhooks.retry-jitter=0",
        "payonce.orders.expiry-sweep-interval=1h",
})
@interface WebhookTest {
}
