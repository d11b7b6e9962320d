package io.payonce.client;

/** A request with this Idempotency-Key was still running through every retry (409 idempotency_key_in_use). */
public final class IdempotencyKeyInUse extends ApiException {

    IdempotencyKeyInUse(Problem problem, String idempotencyKey, int attempts) {
        super(problem, idempotencyKey, attempts);
    }
}
