package io.payonce.client;

/**
 * No answer came, after every attempt the retry policy allowed. When {@link #mayHaveBeenApplied()}
 * the server may have run the operation (a timeout, a broken connection): calling again with the
 * same {@link #idempotencyKey()} is the one safe way to learn its outcome.
 */
public final class ConnectionFailed extends PayonceException {

    private final boolean mayHaveBeenApplied;

    ConnectionFailed(String message, Throwable cause, boolean mayHaveBeenApplied, String idempotencyKey, int attempts) {
        super(message, cause, idempotencyKey, attempts);
        this.mayHaveBeenApplied = mayHaveBeenApplied;
    }

    public boolean mayHaveBeenApplied() {
        return mayHaveBeenApplied;
    }
}
