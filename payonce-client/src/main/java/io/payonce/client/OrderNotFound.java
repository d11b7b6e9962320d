package io.payonce.client;

/** No such order, or none this credential may see (404 order_not_found). */
public final class OrderNotFound extends ApiException {

    OrderNotFound(Problem problem, String idempotencyKey, int attempts) {
        super(problem, idempotencyKey, attempts);
    }
}
