package io.payonce.client;

/**
 * Every way a call through the client can fail: payonce refused it ({@link ApiException}, with a
 * problem {@code code}), the membership API refused it ({@link MembershipException}, with its
 * envelope's numeric code), or no answer came ({@link ConnectionFailed}).
 */
public sealed abstract class PayonceException extends RuntimeException
        permits ApiException, MembershipException, ConnectionFailed {

    private final String idempotencyKey;
    private final int attempts;

    PayonceException(String message, Throwable cause, String idempotencyKey, int attempts) {
        super(message, cause);
        this.idempotencyKey = idempotencyKey;
        this.attempts = attempts;
    }

    /** The call's Idempotency-Key (null when it had none): retry later with it and nothing runs twice. */
    public String idempotencyKey() {
        return idempotencyKey;
    }

    /** Requests the call made before giving up. */
    public int attempts() {
        return attempts;
    }
}
