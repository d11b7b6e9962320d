package io.payonce.jobs;

import java.time.Duration;

import io.payonce.config.PositiveDuration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How scheduled jobs retry a row they failed on ({@code payonce.jobs.*}, env PAYONCE_JOBS_*).
 *
 * @param retryInitial wait before the first retry of a failed row; doubled after each further failure
 * @param retryMax     the longest wait between two retries: a row that keeps failing is still tried
 *                     (and logged, and counted) this often, so a fix takes effect without a restart
 */
@Validated
@ConfigurationProperties("payonce.jobs")
public record JobsProperties(
        @DefaultValue("10s") @PositiveDuration Duration retryInitial,
        @DefaultValue("1h") @PositiveDuration Duration retryMax) {

    public JobsProperties {
        if (retryInitial != null && retryMax != null && retryMax.compareTo(retryInitial) < 0) {
            throw new IllegalArgumentException("payonce.jobs.retry-max (" + retryMax
                    + ") must be at least payonce.jobs.retry-initial (" + retryInitial + ")");
        }
    }
}
