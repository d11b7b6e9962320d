package io.payonce.webhooks;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;

import io.payonce.common.Refusal;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/** The admin's view of events and their deliveries, and the replay of an event. */
@Service
public class WebhookDeliveries {

    /** The longest list the admin API returns at once. */
    public static final int LIST_MAX = 500;
    /** Attempts shown per delivery: the latest ones; older ones stay in the table. */
    public static final int ATTEMPTS_SHOWN_MAX = 20;

    private final WebhookRepository repository;
    private final TransactionTemplate transactions;
    private final Clock clock;

    WebhookDeliveries(WebhookRepository repository, TransactionTemplate transactions, Clock clock) {
        this.repository = repository;
        this.transactions = transactions;
        this.clock = clock;
    }

    public List<WebhookEvent> events(EventType type, int limit) {
        return repository.events(type == null ? null : type.wireName(), Math.min(limit, LIST_MAX));
    }

    public WebhookEvent event(String id) {
        return repository.event(id).orElseThrow(() -> eventNotFound());
    }

    /** Deliveries, newest first, filtered by event, endpoint and status (each optional), with their latest attempts. */
    public List<WebhookDelivery> deliveries(String eventId, String endpointId, String status, int limit) {
        return repository.deliveries(eventId, endpointId, status, Math.min(limit, LIST_MAX)).stream()
                .map(delivery -> delivery.withAttempts(repository.attempts(delivery.id(), ATTEMPTS_SHOWN_MAX)))
                .toList();
    }

    /**
     * Sends the event again, at once and on a fresh schedule: to every endpoint it went to, or to
     * one enabled endpoint (also one that did not subscribe to it then). Returns the deliveries due.
     */
    public int replay(String eventId, String endpointId) {
        event(eventId);
        if (endpointId != null) {
            WebhookEndpoint endpoint = repository.endpoint(endpointId).orElseThrow(() -> WebhookEndpoints.notFound(endpointId));
            if (!endpoint.enabled()) {
                throw new Refusal(Refusal.Reason.WEBHOOK_ENDPOINT_DISABLED, "Webhook endpoint '" + endpointId + "' is disabled");
            }
        }
        return transactions.execute(tx -> repository.replay(eventId, endpointId, clock.instant().truncatedTo(ChronoUnit.MICROS)));
    }

    private static Refusal eventNotFound() {
        return new Refusal(Refusal.Reason.WEBHOOK_EVENT_NOT_FOUND, "No webhook event with this id");
    }
}
