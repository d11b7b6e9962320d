package io.payonce.gateway.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Import;

/**
 * Notifications of both channels in the plain {@link TestNotificationFormat} (a form the
 * {@link CallbackRecorder} reads, four retries a minute apart), ordered before the real formats:
 * for tests of the notifier and the books, not of a protocol.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Import(TestNotificationFormat.Both.class)
public @interface WithTestNotificationFormat {
}
