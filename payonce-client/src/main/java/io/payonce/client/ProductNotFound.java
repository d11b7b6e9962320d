package io.payonce.client;

/** No such product (404 product_not_found). */
public final class ProductNotFound extends ApiException {

    ProductNotFound(Problem problem, String idempotencyKey, int attempts) {
        super(problem, idempotencyKey, attempts);
    }
}
