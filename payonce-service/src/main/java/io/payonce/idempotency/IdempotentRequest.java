package io.payonce.idempotency;

/** One idempotent request: its key within its scope (caller or endpoint) and its fingerprint. */
public record IdempotentRequest(String scope, String key, byte[] fingerprint) {
}
