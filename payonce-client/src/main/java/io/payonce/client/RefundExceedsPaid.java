package io.payonce.client;

/** The refund would pass what the order paid (409 refund_exceeds_paid). */
public final class RefundExceedsPaid extends ApiException {

    RefundExceedsPaid(Problem problem, String idempotencyKey, int attempts) {
        super(problem, idempotencyKey, attempts);
    }
}
