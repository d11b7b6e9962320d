package io.payonce.client.model;

import java.time.Instant;
import java.util.List;

/** An API key as listed: never its secret. */
public record ApiKeyInfo(String id, String prefix, List<String> scopes, String label, Instant createdAt, Instant revokedAt) {
}
