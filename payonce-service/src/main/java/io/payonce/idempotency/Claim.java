package io.payonce.idempotency;


/** What claiming an Idempotency-Key found. */
sealed interface Claim {

    /**
     * This request owns the key now. {@code recoveryPoint} and {@code recoveryRef} are what an
     * earlier attempt that crashed midway had committed (both null on a first attempt).
     */
    record Acquired(IdempotentRequest request, int attempt, String recoveryPoint, String recoveryRef) implements Claim {
    }

    /** The first request with this key finished: answer what it answered. */
    record Replay(StoredResponse response) implements Claim {
    }

    /** The first request with this key is still running (its lease has not expired). */
    record InFlight() implements Claim {
    }

    /** The key was used for a different request. */
    record Mismatch() implements Claim {
    }
}
