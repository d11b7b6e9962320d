package io.payonce.payments;

import java.time.Duration;
import java.util.List;

import io.payonce.config.PositiveDuration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The janitor's schedule ({@code payonce.janitor.*}; see {@link QuerySchedule}). The first
 * questions come {@code payonce.payments.unknown-after} and {@code pending-after} after a payment's
 * answer was lost or its trade opened; these settings say what follows.
 *
 * @param queryBackoff      the delays after each inconclusive answer, the last one repeating
 * @param queryAttemptsMax  inconclusive answers after which the row is a money exception (still asked about)
 * @param queryBeforeExpiry an unpaid order's payment is asked about this long before the order expires
 * @param refundBatchMax    refunds and money-exception refunds handled per sweep, like janitor-batch-max for payments
 */
@Validated
@ConfigurationProperties("payonce.janitor")
public record JanitorProperties(@NotEmpty @Size(max = 20) List<Duration> queryBackoff,
                                @Min(1) @Max(10_000) int queryAttemptsMax,
                                @PositiveDuration Duration queryBeforeExpiry,
                                @Min(1) @Max(10_000) int refundBatchMax) {
}
