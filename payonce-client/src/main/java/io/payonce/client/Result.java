package io.payonce.client;

/**
 * A successful answer of one logical call.
 *
 * @param value          the answer's body, typed
 * @param status         its HTTP status (201 for a created order, payment or refund)
 * @param replayed       true when payonce answered a stored response again ({@code Idempotent-Replayed}):
 *                       the operation ran once, earlier, perhaps for an attempt whose answer was lost
 * @param idempotencyKey the key the call was sent with (the caller's or the one the client made), or null
 * @param attempts       how many requests the call took (1 without a retry)
 */
public record Result<T>(T value, int status, boolean replayed, String idempotencyKey, int attempts) {
}
