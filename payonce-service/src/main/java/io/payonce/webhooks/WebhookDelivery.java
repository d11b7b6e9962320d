package io.payonce.webhooks;

import java.time.Instant;
import java.util.List;

/** One event's delivery to one endpoint, with its latest attempts (newest first). */
public record WebhookDelivery(long id, String eventId, String eventType, String endpointId, String status, int attempts,
                              Instant nextAttemptAt, Integer lastStatusCode, String lastError, Instant deliveredAt,
                              Instant createdAt, Instant updatedAt, List<Attempt> recentAttempts) {

    /** What one attempt found: the receiver's status and the start of its body, or why there was no answer. */
    public record Attempt(Instant attemptedAt, long durationMs, Integer statusCode, String error, String responseBody) {
    }

    WebhookDelivery withAttempts(List<Attempt> attempts) {
        return new WebhookDelivery(id, eventId, eventType, endpointId, status, this.attempts, nextAttemptAt, lastStatusCode,
                lastError, deliveredAt, createdAt, updatedAt, attempts);
    }
}
