package io.payonce.client;

/** payonce or the payment channel was unavailable through every retry (503). */
public final class Unavailable extends ApiException {

    Unavailable(Problem problem, String idempotencyKey, int attempts) {
        super(problem, idempotencyKey, attempts);
    }
}
