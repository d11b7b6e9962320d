package io.payonce.client;

/** The Idempotency-Key was used before with another request (422 idempotency_key_reused): a bug of the caller. */
public final class IdempotencyKeyReused extends ApiException {

    IdempotencyKeyReused(Problem problem, String idempotencyKey, int attempts) {
        super(problem, idempotencyKey, attempts);
    }
}
