package io.payonce.channels;

import java.time.Duration;
import java.util.List;

import io.payonce.config.PositiveDuration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How payonce calls its channels ({@code payonce.channels.*}): the fallback order for new payments
 * while a channel's breaker is open, and each call's timeout, breaker and retries. Defaults are in
 * application.yml and README's settings table.
 *
 * @param fallbackOrder channel names; a new payment whose channel's breaker is open goes to the next
 *                      one in this list (wrapping round) whose breaker lets calls through. Empty: no fallback.
 */
@Validated
@ConfigurationProperties("payonce.channels")
public record ChannelResilienceProperties(@NotNull @Size(max = 10) List<String> fallbackOrder,
                                          @Valid @NotNull Resilience resilience) {

    /** @param callTimeout a call still running after this is answered Unknown (the adapters' HTTP timeouts are shorter). */
    public record Resilience(@PositiveDuration Duration callTimeout, @Valid @NotNull Breaker breaker, @Valid @NotNull Retry retry) {
    }

    /**
     * One breaker per channel, over the outcomes of its last {@code windowCalls} calls: it opens when
     * at least {@code minimumCalls} were made and {@code failureRatePercent} of them were unknown
     * (timeouts, errors, unintelligible answers), stays open {@code openFor}, then lets
     * {@code halfOpenCalls} trial calls through and closes again if they succeed.
     */
    public record Breaker(@Min(1) @Max(100) int failureRatePercent, @Min(1) @Max(1_000) int windowCalls,
                          @Min(1) @Max(1_000) int minimumCalls, @PositiveDuration Duration openFor,
                          @Min(1) @Max(100) int halfOpenCalls) {
    }

    /**
     * Retries of the calls that are safe to repeat (query a trade, close a trade, query a refund)
     * when the answer is unknown: at most {@code attemptsMax} calls in all, waiting
     * {@code backoffInitial} times {@code backoffMultiplier} per retry, randomised by
     * {@code jitter} (0.5 = plus or minus half), never more than {@code backoffMax}.
     */
    public record Retry(@Min(1) @Max(10) int attemptsMax, @PositiveDuration Duration backoffInitial,
                        @DecimalMin("1.0") @DecimalMax("10.0") double backoffMultiplier,
                        @DecimalMin("0.0") @DecimalMax(value = "1.0", inclusive = false) double jitter, @PositiveDuration Duration backoffMax) {
    }
}
