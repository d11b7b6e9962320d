package io.payonce.idempotency;

/**
 * An operation the {@link IdempotencyCompleter} may finish when its caller abandoned it, with the
 * answers its endpoint stores: the web edge declares one per endpoint, so the answer a completed
 * key replays is the one the endpoint would have sent.
 */
public record Resumable<C, R>(IdempotentOperation<C, R> operation, Answers<R> answers) {
}
