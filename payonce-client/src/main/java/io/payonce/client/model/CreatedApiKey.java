package io.payonce.client.model;

import java.time.Instant;
import java.util.List;

/** A new API key: key is its secret, shown this once. */
public record CreatedApiKey(String id, String prefix, List<String> scopes, String label, Instant createdAt, String key, String warning) {
}
