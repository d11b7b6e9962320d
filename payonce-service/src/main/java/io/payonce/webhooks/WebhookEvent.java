package io.payonce.webhooks;

import java.time.Instant;

/** One event in the outbox: the body every delivery of it sends, byte for byte. */
public record WebhookEvent(String id, String type, String subjectRef, String body, Instant createdAt, Instant publishedAt) {
}
