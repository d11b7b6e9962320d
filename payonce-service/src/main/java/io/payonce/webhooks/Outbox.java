package io.payonce.webhooks;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

import io.payonce.common.Ids;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * The transactional outbox of merchant events: {@link #record} writes the event, and its
 * deliveries to the endpoints subscribed to its type, in the caller's transaction, the one that
 * makes the change it tells. So an event exists exactly when its change committed, is never told
 * for a change that rolled back, and is told once: (type, subject) is unique. Delivery
 * ({@link WebhookDeliverer}) and publishing to RabbitMQ ({@link AmqpEventPublisher}) read the
 * outbox after commit, at least once.
 */
@Service
public class Outbox {

    private final WebhookRepository repository;
    private final JsonMapper json;
    private final Clock clock;

    Outbox(WebhookRepository repository, JsonMapper json, Clock clock) {
        this.repository = repository;
        this.json = json;
        this.clock = clock;
    }

    /**
     * Records that {@code type} happened to {@code subjectRef} (the order, the refund, the grant),
     * with {@code data} as the body's {@code data} object. Returns the event's id, or null when
     * this change was recorded before (a repeat writes nothing).
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public String record(EventType type, String subjectRef, Map<String, Object> data) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        String id = Ids.next("evt");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id);
        body.put("type", type.wireName());
        body.put("createdAt", now.toString());
        body.put("data", data);
        return repository.insertEvent(id, type, subjectRef, json.writeValueAsString(body), now) ? id : null;
    }
}
