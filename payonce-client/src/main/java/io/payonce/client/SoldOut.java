package io.payonce.client;

/** Not enough stock for the order (409 sold_out): a final answer, replayed to retries. */
public final class SoldOut extends ApiException {

    SoldOut(Problem problem, String idempotencyKey, int attempts) {
        super(problem, idempotencyKey, attempts);
    }
}
