package io.payonce.idempotency;

import java.time.Duration;

import io.payonce.config.PositiveDuration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The completer ({@code payonce.idempotency.completer.*}).
 *
 * @param after    a key IN_FLIGHT this long past its lease, with no retry taking it over, is abandoned
 * @param interval how often the completer looks
 * @param batchMax keys finished per run: each may call a gateway, so a run stays short
 */
@Validated
@ConfigurationProperties("payonce.idempotency.completer")
public record CompleterProperties(@PositiveDuration Duration after, @PositiveDuration Duration interval,
                                  @Min(1) @Max(1_000) int batchMax) {
}
