package io.payonce.channels.sim;

import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the simulated gateways ({@code payonce.sim.*}, env {@code PAYONCE_SIM_*}).
 *
 * @param autopayMs            when above 0, every new trade pays itself this long after it opens (PAYONCE_SIM_AUTOPAY_MS)
 * @param notifyUrl            where notifications go; {@code {channel}} and {@code {port}} (this server's port) are filled in
 * @param notifyRetryDelays    wait before each retry of an unacknowledged notification; its size bounds the retries
 * @param notifyInFlightMax    notifications being sent at once by this instance
 * @param notifyConnectTimeout HTTP connect timeout of one delivery
 * @param notifyRequestTimeout HTTP timeout of one whole delivery (answer included)
 * @param pollInterval         how often the autopay and notification pollers look for due work when idle
 * @param autopayBatchMax      trades one autopay transaction pays at most
 */
@Validated
@ConfigurationProperties("payonce.sim")
public record SimProperties(
        @DefaultValue("0") @Min(0) @Max(86_400_000) long autopayMs,
        @DefaultValue("http://127.0.0.1:{port}/v1/callbacks/{channel}") @NotBlank String notifyUrl,
        // Alipay's real schedule is 4m, 10m, 10m, 1h, 2h, 6h, 15h (8 notifications over about 25 h);
        // the simulator keeps its shape but compresses it so a local run or a test sees it finish.
        @DefaultValue({"1s", "2s", "5s", "15s", "60s", "300s"}) @NotEmpty @Size(max = 20) List<Duration> notifyRetryDelays,
        // 32 in flight: enough to keep a local payonce busy (its pool has 16 connections, each
        // callback needs one) without letting the simulator's own traffic crowd out the load
        // it is meant to simulate; each delivery costs one virtual thread and one socket.
        @DefaultValue("32") @Min(1) @Max(1024) int notifyInFlightMax,
        @DefaultValue("2s") Duration notifyConnectTimeout,
        @DefaultValue("5s") Duration notifyRequestTimeout,
        @DefaultValue("25ms") Duration pollInterval,
        // 100 trades per transaction keeps row locks short while a burst of due trades drains quickly.
        @DefaultValue("100") @Min(1) @Max(1000) int autopayBatchMax) {

    public SimProperties {
        requirePositive("payonce.sim.notify-connect-timeout", notifyConnectTimeout);
        requirePositive("payonce.sim.notify-request-timeout", notifyRequestTimeout);
        requirePositive("payonce.sim.poll-interval", pollInterval);
        if (notifyRetryDelays != null) {
            notifyRetryDelays.forEach(delay -> requirePositive("payonce.sim.notify-retry-delays", delay));
            notifyRetryDelays = List.copyOf(notifyRetryDelays);
        }
        if (notifyUrl != null && !notifyUrl.startsWith("http://") && !notifyUrl.startsWith("https://")) {
            throw new IllegalArgumentException("payonce.sim.notify-url must be an http(s) URL, got '" + notifyUrl + "'");
        }
    }

    /** Attempts per notification: the first one plus one per retry delay. */
    public int notifyAttemptsMax() {
        return notifyRetryDelays.size() + 1;
    }

    /** How long an attempt in flight keeps other instances off it: longer than the attempt can take. */
    public Duration notifyLease() {
        return notifyConnectTimeout.plus(notifyRequestTimeout).plusSeconds(5);
    }

    private static void requirePositive(String setting, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(setting + " must be a positive duration, got " + value);
        }
    }
}
