package io.payonce.client.model;

import java.time.Instant;

/** A calling system of the membership API, registered with its public key. */
public record RegisteredSystem(String systemId, int keyBits, String keyFingerprintSha256, Instant createdAt) {
}
