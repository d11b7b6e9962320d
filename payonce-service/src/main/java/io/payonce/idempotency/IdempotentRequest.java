package io.payonce.idempotency;


/**
 * One idempotent request: its key within its scope (the operation and the caller) and the
 * fingerprint of the request the key is bound to.
 */
public record IdempotentRequest(String scope, String key, byte[] fingerprint) {

    /** Scopes a key to the operation and the caller, so two callers' keys never meet. */
    public static IdempotentRequest of(IdempotentOperation<?, ?> operation, String caller, String key, byte[] fingerprint) {
        return new IdempotentRequest(operation.name() + " " + caller, key, fingerprint);
    }
}
