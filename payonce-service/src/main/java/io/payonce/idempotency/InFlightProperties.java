package io.payonce.idempotency;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * A duplicate that arrives while its key's first request runs ({@code payonce.idempotency.in-flight.*}).
 *
 * @param waitMax how long it waits for the first request's stored answer before it is refused with
 *             409 and Retry-After; zero refuses at once. About 2 s: longer than a whole purchase
 *             takes here, far shorter than a client's timeout, so the waiting request never holds
 *             its caller longer than a retry after Retry-After would.
 */
@Validated
@ConfigurationProperties("payonce.idempotency.in-flight")
public record InFlightProperties(@NotNull Duration waitMax) {

    public InFlightProperties {
        if (waitMax != null && (waitMax.isNegative() || waitMax.compareTo(Duration.ofSeconds(30)) > 0)) {
            throw new IllegalArgumentException("payonce.idempotency.in-flight.wait-max must be between 0 and 30s, got " + waitMax);
        }
    }
}
