package io.payonce.webhooks;

import java.time.Instant;
import java.util.List;

/** A registered receiver of events: where they go, which types, and whether it is still used. Never its secret. */
public record WebhookEndpoint(String id, String url, List<String> eventTypes, String description, boolean enabled,
                              Instant createdAt, Instant disabledAt) {
}
