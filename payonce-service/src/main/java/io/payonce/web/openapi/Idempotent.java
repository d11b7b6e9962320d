package io.payonce.web.openapi;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.payonce.idempotency.IdempotentOperation;

/**
 * Marks an endpoint that runs {@link #value()} under the caller's Idempotency-Key. The description
 * then requires the header, lists the key's refusals and the operation's final refusals, and
 * documents {@code Idempotent-Replayed} on every answer a retry can get again.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Idempotent {
    @SuppressWarnings("rawtypes")
    Class<? extends IdempotentOperation> value();
}
