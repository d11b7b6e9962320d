package io.payonce.client;

/** The channel declined the payment (402 payment_declined); the order can be paid again. */
public final class PaymentDeclined extends ApiException {

    PaymentDeclined(Problem problem, String idempotencyKey, int attempts) {
        super(problem, idempotencyKey, attempts);
    }
}
