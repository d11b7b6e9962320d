package io.payonce.web.openapi;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.payonce.membership.MemberError;

/**
 * An endpoint of the membership API, which answers {@code {code, message, data}} instead of
 * problem+json: the envelope {@code code}s it can answer, each under the HTTP status its first
 * three digits name.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface EnvelopeErrors {
    MemberError[] value();
}
