package io.payonce.gateway.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.env.Environment;

/**
 * The sandbox gateway's settings ({@code payonce.gateway.*}, env {@code PAYONCE_GATEWAY_*}), bound
 * with {@link Binder} rather than {@code @ConfigurationProperties}: the service's properties scan
 * would pick an annotated class up when both applications share a JVM.
 *
 * @param db                  its own PostgreSQL ({@code payonce.gateway.db.url|username|password})
 * @param dataDir             where the gateway keeps its keys (and, run by the CLI, its database)
 * @param keysDir             the keys folder; default {@code <data-dir>/keys}
 * @param publicBaseUrl       the base URL merchants reach it at, written into merchant.properties;
 *                            default {@code http://127.0.0.1:<port>}
 * @param autopayMs           when above 0, every new trade pays itself this long after it opens
 * @param notifyTimeScale     multiplies each gateway's real retry schedule (1.0 = Alipay's ~25 h, WeChat's ~24 h)
 * @param notifyRetryDelays   when set, replaces every gateway's retry schedule (its size bounds the retries)
 * @param notifyInFlightMax   notifications being sent at once
 * @param notifyConnectTimeout HTTP connect timeout of one delivery
 * @param notifyRequestTimeout HTTP timeout of one whole delivery, answer included
 * @param pollInterval        how often the autopay and notification pollers look for due work when idle
 * @param autopayBatchMax     trades one autopay transaction pays at most
 * @param lostAnswerHold      how long a call whose answer the timeout fault loses is held before its connection is dropped
 */
public record GatewaySettings(Db db, String dataDir, String keysDir, String publicBaseUrl, long autopayMs,
                              double notifyTimeScale, List<Duration> notifyRetryDelays, int notifyInFlightMax,
                              Duration notifyConnectTimeout, Duration notifyRequestTimeout, Duration pollInterval,
                              int autopayBatchMax, Duration lostAnswerHold) {

    public static final String PREFIX = "payonce.gateway";
    /** A day: longer autopay waits are better played by the buyer paying by hand. */
    static final long AUTOPAY_MS_MAX = 86_400_000;
    /** Retries a schedule set by hand may have; the real gateways have 7 (Alipay) and 15 (WeChat). */
    static final int RETRY_DELAYS_MAX = 30;
    /**
     * 32 in flight: enough to keep a local payonce busy (its pool has 16 connections, each
     * callback needs one) without letting the sandbox's own traffic crowd out the load it plays.
     */
    static final int NOTIFY_IN_FLIGHT_DEFAULT = 32;

    /** The gateway's PostgreSQL; {@code url} may be the JDBC or the libpq form. */
    public record Db(String url, String username, String password, @DefaultValue("10") int poolSize) {
        /** Without the password: settings get logged. */
        @Override
        public String toString() {
            return "Db[url=" + (url == null ? null : url.replaceAll("//[^@/]*@", "//***@")) + ", username=" + username
                    + ", poolSize=" + poolSize + "]";
        }
    }

    /** The settings in {@code environment}, checked: a bad value names its setting. */
    public static GatewaySettings from(Environment environment) {
        Binder binder = Binder.get(environment);
        GatewaySettings settings = new GatewaySettings(
                binder.bind(PREFIX + ".db", Bindable.of(Db.class)).orElse(new Db(null, null, null, 10)),
                binder.bind(PREFIX + ".data-dir", String.class).orElse("./payonce-data/sandbox-gateway"),
                binder.bind(PREFIX + ".keys-dir", String.class).orElse(null),
                binder.bind(PREFIX + ".public-base-url", String.class).orElse(null),
                binder.bind(PREFIX + ".autopay-ms", Long.class).orElse(0L),
                binder.bind(PREFIX + ".notify-time-scale", Double.class).orElse(1.0),
                binder.bind(PREFIX + ".notify-retry-delays", Bindable.listOf(Duration.class)).orElse(List.of()),
                binder.bind(PREFIX + ".notify-in-flight-max", Integer.class).orElse(NOTIFY_IN_FLIGHT_DEFAULT),
                binder.bind(PREFIX + ".notify-connect-timeout", Duration.class).orElse(Duration.ofSeconds(2)),
                binder.bind(PREFIX + ".notify-request-timeout", Duration.class).orElse(Duration.ofSeconds(5)),
                binder.bind(PREFIX + ".poll-interval", Duration.class).orElse(Duration.ofMillis(25)),
                // 100 trades per transaction keeps row locks short while a burst of due trades drains quickly.
                binder.bind(PREFIX + ".autopay-batch-max", Integer.class).orElse(100),
                binder.bind(PREFIX + ".lost-answer-hold", Duration.class).orElse(Duration.ofSeconds(30)));
        settings.check();
        return settings;
    }

    /** The keys folder: {@code keys-dir}, or {@code keys} in the data folder. */
    public Path keysPath() {
        String dir = keysDir == null || keysDir.isBlank() ? Path.of(dataDir).resolve("keys").toString() : keysDir;
        return Path.of(dir).toAbsolutePath().normalize();
    }

    /** How long an attempt in flight keeps other senders off it: longer than the attempt can take. */
    public Duration notifyLease() {
        return notifyConnectTimeout.plus(notifyRequestTimeout).plusSeconds(5);
    }

    private void check() {
        if (db.url() == null || db.url().isBlank()) {
            throw new IllegalStateException(PREFIX + ".db.url (PAYONCE_GATEWAY_DB_URL) is required: the sandbox gateway keeps its "
                    + "books in a PostgreSQL of its own (./payonce gateway starts one when no --db-url is given)");
        }
        range(PREFIX + ".db.pool-size", db.poolSize(), 1, 200);
        range(PREFIX + ".autopay-ms", autopayMs, 0, AUTOPAY_MS_MAX);
        if (!(notifyTimeScale > 0 && notifyTimeScale <= 1000)) {
            throw new IllegalStateException(PREFIX + ".notify-time-scale must be above 0 and at most 1000, got " + notifyTimeScale);
        }
        range(PREFIX + ".notify-retry-delays (count)", notifyRetryDelays.size(), 0, RETRY_DELAYS_MAX);
        notifyRetryDelays.forEach(delay -> positive(PREFIX + ".notify-retry-delays", delay));
        range(PREFIX + ".notify-in-flight-max", notifyInFlightMax, 1, 1024);
        range(PREFIX + ".autopay-batch-max", autopayBatchMax, 1, 1000);
        positive(PREFIX + ".notify-connect-timeout", notifyConnectTimeout);
        positive(PREFIX + ".notify-request-timeout", notifyRequestTimeout);
        positive(PREFIX + ".poll-interval", pollInterval);
        if (lostAnswerHold == null || lostAnswerHold.isNegative()) {
            throw new IllegalStateException(PREFIX + ".lost-answer-hold must be zero or a positive duration, got " + lostAnswerHold);
        }
        if (publicBaseUrl != null && !publicBaseUrl.isBlank()
                && !publicBaseUrl.startsWith("http://") && !publicBaseUrl.startsWith("https://")) {
            throw new IllegalStateException(PREFIX + ".public-base-url must be an http(s) URL, got '" + publicBaseUrl + "'");
        }
    }

    private static void range(String setting, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalStateException(setting + " must be from " + min + " to " + max + ", got " + value);
        }
    }

    private static void positive(String setting, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalStateException(setting + " must be a positive duration, got " + value);
        }
    }
}
