package io.payonce.client.model;

import java.time.Instant;

/** A calling system whose key pair payonce made (sandbox test helper): the private key is here once. */
public record GeneratedSystem(String systemId, int keyBits, String keyFingerprintSha256, String publicKeyPem, String privateKeyPem,
                              Instant createdAt) {
}
