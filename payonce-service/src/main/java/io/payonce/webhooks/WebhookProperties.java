package io.payonce.webhooks;

import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import io.payonce.config.PositiveDuration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Webhook delivery ({@code payonce.webhooks.*}, env PAYONCE_WEBHOOKS_*).
 *
 * @param pollInterval            how often each instance looks for due deliveries
 * @param batchMax                deliveries one instance claims and sends at once (in parallel, on virtual threads)
 * @param connectTimeout          to open a connection to a receiver
 * @param requestTimeout          for the receiver's whole answer; a slower receiver is a failed attempt
 * @param retryDelays             the waits after each failed attempt (RetrySchedule), about a day in all
 * @param retryJitter             each wait is stretched or shrunk by up to this fraction
 * @param privateAddressesAllowed null: allowed in sandbox mode only. Whether endpoints may be plain
 *                                http and on loopback, private or link-local addresses (WebhookUrls)
 */
@Validated
@ConfigurationProperties("payonce.webhooks")
public record WebhookProperties(
        @DefaultValue("1s") @PositiveDuration Duration pollInterval,
        @DefaultValue("20") @Min(1) @Max(200) int batchMax,
        @DefaultValue("3s") @PositiveDuration Duration connectTimeout,
        @DefaultValue("10s") @PositiveDuration Duration requestTimeout,
        @DefaultValue({"10s", "30s", "1m", "5m", "15m", "30m", "1h", "2h", "4h", "8h", "8h"}) List<Duration> retryDelays,
        @DefaultValue("0.1") double retryJitter,
        Boolean privateAddressesAllowed) {

    /** The claim on a delivery outlasts its attempt, so no other instance takes it while it runs. */
    public Duration claimLease() {
        return connectTimeout.plus(requestTimeout).plusSeconds(30);
    }
}
