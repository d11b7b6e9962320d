package io.payonce.config;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.ReportAsSingleViolation;
import jakarta.validation.constraints.NotNull;

import org.hibernate.validator.constraints.time.DurationMin;

/**
 * A setting that is a duration above zero: {@code 0s} would make a job spin, a reservation or a
 * lease end at once, or a stored answer vanish, so it stops start-up with the setting's name.
 */
@Documented
@Constraint(validatedBy = {})
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@ReportAsSingleViolation
@NotNull
@DurationMin(inclusive = false)
public @interface PositiveDuration {

    String message() default "must be a positive duration, such as 5s, 15m or 24h";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
