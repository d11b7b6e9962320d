package io.payonce.config;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Every setting of payonce, bound from application.yml and PAYONCE_* environment variables.
 * A value out of range stops start-up with a message that names the setting; every duration must
 * be positive ({@link PositiveDuration}). Records holding a secret print it redacted
 * ({@link Redaction}), so a settings dump in a log or a failure report never shows it.
 */
@Validated
@ConfigurationProperties("payonce")
public record PayonceProperties(
        @Valid @NotNull Db db,
        @Valid @NotNull Redis redis,
        @Valid @NotNull Admin admin,
        @Valid @NotNull Orders orders,
        @Valid @NotNull Payments payments,
        @Valid @NotNull Idempotency idempotency,
        @Valid @NotNull CardKeys cardKeys,
        @Valid @NotNull RateLimit rateLimit) {

    /** PostgreSQL: empty url means the embedded one. */
    public record Db(String url, String username, String password,
                     @Min(2) @Max(200) int poolSize) {
        public boolean embedded() {
            return url == null || url.isBlank();
        }

        @Override
        public String toString() {
            return "Db[url=" + Redaction.url(url) + ", username=" + username + ", password=" + Redaction.secret(password)
                    + ", poolSize=" + poolSize + "]";
        }
    }

    /** Redis: empty url means in-process coordination. */
    public record Redis(String url) {
        public boolean enabled() {
            return url != null && !url.isBlank();
        }

        @Override
        public String toString() {
            return "Redis[url=" + Redaction.url(url) + "]";
        }
    }

    /** The root credential (every scope); generated and printed once when empty, refused empty in production. */
    public record Admin(String token) {
        @Override
        public String toString() {
            return "Admin[token=" + Redaction.secret(token) + "]";
        }
    }

    /** Order life: how long a reservation waits for payment before the expiry job frees it. */
    public record Orders(@PositiveDuration Duration expiry, @PositiveDuration Duration expirySweepInterval) {
    }

    /**
     * The janitor settles payments the gateway never told us about: UNKNOWN ones (a timeout) after
     * {@code unknownAfter}, PENDING ones whose notification may be lost after {@code pendingAfter}.
     */
    public record Payments(@PositiveDuration Duration janitorInterval, @PositiveDuration Duration unknownAfter,
                           @PositiveDuration Duration pendingAfter, @Min(1) @Max(10_000) int janitorBatchMax) {
    }

    /**
     * Stored answers: kept at least {@code retention}; an in-flight claim is taken over by a
     * retry once {@code lease} has passed without the first request finishing. With Redis, a
     * replayed answer is also cached there for {@code answerCacheTtl} (issue 10).
     */
    public record Idempotency(@PositiveDuration Duration retention, @PositiveDuration Duration lease,
                              @org.springframework.boot.context.properties.bind.DefaultValue("60s") @PositiveDuration Duration answerCacheTtl) {
    }

    /** The AES key (Base64, 32 bytes) that encrypts card-key codes at rest; generated for the embedded default. */
    public record CardKeys(String encryptionKey, @Min(1) @Max(10_000) int importBatchMax) {
        @Override
        public String toString() {
            return "CardKeys[encryptionKey=" + Redaction.secret(encryptionKey) + ", importBatchMax=" + importBatchMax + "]";
        }
    }

    /**
     * Requests per second per client IP on public endpoints, and on gateway callbacks (a budget of
     * their own); {@code perSecond} 0 turns every limit off, {@code callbacksPerSecond} 0 only the
     * callbacks' one. {@code callerPerSecond} limits each authenticated caller (API key, buyer
     * session) on the same endpoints, whatever addresses it calls from (issue 10); 0 turns it off.
     */
    public record RateLimit(@Min(0) int perSecond, @Min(0) int callbacksPerSecond,
                            @org.springframework.boot.context.properties.bind.DefaultValue("100") @Min(0) int callerPerSecond) {
    }
}
