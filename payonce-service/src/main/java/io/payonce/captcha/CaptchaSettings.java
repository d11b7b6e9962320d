package io.payonce.captcha;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import io.payonce.config.PositiveDuration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * When a buyer must solve a challenge before ordering ({@code payonce.captcha.*}, issue 11). A
 * client address may create {@code freeOrders} orders through buyer sessions within
 * {@code freeOrdersWindow} (a token bucket refilled evenly over the window); each order past that
 * needs a solved challenge. Five in ten minutes is more than a person buys by hand, and far fewer
 * than a bot tries. {@code freeOrders=0} turns the challenge off, and so does
 * {@code payonce.rate-limit.per-second=0}, which turns every limit off.
 *
 * @param freeOrders       orders a client address creates without a challenge, in a burst
 * @param freeOrdersWindow the time over which those orders come back
 * @param challengeTtl     how long a challenge can be answered
 */
@Validated
@ConfigurationProperties("payonce.captcha")
public record CaptchaSettings(
        @DefaultValue("5") @Min(0) @Max(10_000) int freeOrders,
        @DefaultValue("10m") @PositiveDuration Duration freeOrdersWindow,
        @DefaultValue("5m") @PositiveDuration Duration challengeTtl) {
}
