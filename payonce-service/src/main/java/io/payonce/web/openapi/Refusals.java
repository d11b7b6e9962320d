package io.payonce.web.openapi;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.payonce.web.ErrorCode;

/**
 * The problem {@code code}s an endpoint's own use case can answer, beyond those the description
 * derives by itself (the caller's credential from AccessRules, a JSON body, an Idempotency-Key and
 * its operation's final refusals, the rate limit, a busy database): see {@link OperationDocs}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Refusals {
    ErrorCode[] value();
}
