package io.payonce.client.model;

import java.time.Instant;
import java.util.List;

/** What a delivered order handed over: card keys, or a membership's new expiry. */
public record Delivery(List<String> cardKeys, Instant memberExpiresAt) {
}
