package io.payonce.client;

/** Too many requests or too many units reserved (429 rate_limited, reservation_limit); see retryAfter(). */
public final class TooManyRequests extends ApiException {

    TooManyRequests(Problem problem, String idempotencyKey, int attempts) {
        super(problem, idempotencyKey, attempts);
    }
}
