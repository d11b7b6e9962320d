package io.payonce.intake;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

import io.payonce.config.PositiveDuration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Queued flash-sale intake ({@code payonce.intake.*}, issue 10). The broker itself is named by
 * {@code payonce.amqp.url} (PAYONCE_AMQP_URL); without it the PostgreSQL queue alone runs.
 *
 * @param pollInterval how often each instance looks for queued orders in PostgreSQL: the longest a
 *                     buyer waits for a turn beyond the work itself when no broker tells the worker sooner
 * @param batchMax     queued orders taken in one transaction; 100 reservations commit in a few tens
 *                     of milliseconds, so rows stay locked briefly and a crash redoes little
 * @param sweepAfter   with a broker: an order still queued this long after intake is taken from
 *                     PostgreSQL by the poller (a publish lost, a broker down, a message dropped)
 * @param amqpQueue    the RabbitMQ queue of intake messages; several deployments on one broker each need their own
 */
@Validated
@ConfigurationProperties("payonce.intake")
public record IntakeProperties(
        @DefaultValue("100ms") @PositiveDuration Duration pollInterval,
        @DefaultValue("100") @Min(1) @Max(1000) int batchMax,
        @DefaultValue("5s") @PositiveDuration Duration sweepAfter,
        @DefaultValue("payonce.order-intake") @NotBlank @Pattern(regexp = "[A-Za-z0-9._:-]{1,200}") String amqpQueue) {
}
