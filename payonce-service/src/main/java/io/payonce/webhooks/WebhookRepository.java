package io.payonce.webhooks;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import io.payonce.cardkeys.SecretSealing;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Explicit SQL over the webhook tables of V15. */
@Repository
class WebhookRepository {

    private static final String ENDPOINT_COLUMNS = "id, url, event_types, description, enabled, created_at, disabled_at";
    private static final String DELIVERY_COLUMNS = """
            d.id, d.event_id, e.type, d.endpoint_id, d.status, d.attempts, d.next_attempt_at, d.last_status_code,
            d.last_error, d.delivered_at, d.created_at, d.updated_at""";

    private final JdbcClient jdbc;

    WebhookRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A delivery claimed for one attempt: what to send, where, and the claim that fences its result. */
    record Claimed(long deliveryId, long claim, int attempts, String eventId, String eventType, String body,
                   String endpointId, String url, SecretSealing.Sealed secret) {
        @Override
        public String toString() {
            return "Claimed[delivery=" + deliveryId + ", event=" + eventId + ", endpoint=" + endpointId + "]";
        }
    }

    void insertEndpoint(WebhookEndpoint endpoint, SecretSealing.Sealed secret) {
        jdbc.sql("""
                        INSERT INTO webhook_endpoints (id, url, event_types, description, secret_cipher, secret_key_version, enabled, created_at)
                        VALUES (:id, :url, :types, :description, :cipher, :version, true, :createdAt)""")
                .param("id", endpoint.id()).param("url", endpoint.url())
                .param("types", endpoint.eventTypes().toArray(String[]::new))
                .param("description", endpoint.description())
                .param("cipher", secret.cipher()).param("version", secret.keyVersion())
                .param("createdAt", Timestamp.from(endpoint.createdAt()))
                .update();
    }

    List<WebhookEndpoint> endpoints(int limit) {
        return jdbc.sql("SELECT " + ENDPOINT_COLUMNS + " FROM webhook_endpoints ORDER BY created_at DESC, id LIMIT ?")
                .param(limit).query(WebhookRepository::endpoint).list();
    }

    Optional<WebhookEndpoint> endpoint(String id) {
        return jdbc.sql("SELECT " + ENDPOINT_COLUMNS + " FROM webhook_endpoints WHERE id = ?")
                .param(id).query(WebhookRepository::endpoint).optional();
    }

    /** Disables an enabled endpoint and gives up its pending deliveries; empty when it was not enabled. */
    Optional<WebhookEndpoint> disable(String id, Instant now) {
        Optional<WebhookEndpoint> disabled = jdbc.sql("UPDATE webhook_endpoints SET enabled = false, disabled_at = ? WHERE id = ? AND enabled"
                        + " RETURNING " + ENDPOINT_COLUMNS)
                .params(Timestamp.from(now), id).query(WebhookRepository::endpoint).optional();
        disabled.ifPresent(endpoint -> jdbc.sql("""
                        UPDATE webhook_deliveries SET status = 'FAILED', last_error = 'endpoint disabled', updated_at = ?, claim = claim + 1
                        WHERE endpoint_id = ? AND status = 'PENDING'""")
                .params(Timestamp.from(now), id).update());
        return disabled;
    }

    /**
     * The outbox insert: the event and, in the same statement, one delivery per enabled endpoint
     * subscribed to its type. False when this (type, subject) was recorded before: nothing is written.
     */
    boolean insertEvent(String id, EventType type, String subjectRef, String body, Instant now) {
        return jdbc.sql("""
                        WITH event AS (
                            INSERT INTO webhook_events (id, type, subject_ref, body, created_at)
                            VALUES (:id, :type, :subject, :body, :now)
                            ON CONFLICT (type, subject_ref) DO NOTHING
                            RETURNING id),
                        fanned AS (
                            INSERT INTO webhook_deliveries (event_id, endpoint_id, status, next_attempt_at, created_at, updated_at)
                            SELECT event.id, endpoint.id, 'PENDING', :now, :now, :now
                            FROM event JOIN webhook_endpoints endpoint ON endpoint.enabled AND :type = ANY (endpoint.event_types)
                            RETURNING 1)
                        SELECT count(*) FROM event""")
                .param("id", id).param("type", type.wireName()).param("subject", subjectRef).param("body", body)
                .param("now", Timestamp.from(now))
                .query(Long.class).single() == 1;
    }

    /**
     * Claims due deliveries to enabled endpoints: rows other instances hold are skipped, and the
     * claim pushes the next attempt past the lease, so no instance takes a delivery whose attempt is
     * still running. The HTTP call happens after this commits, outside any transaction.
     */
    List<Claimed> claimDue(Instant now, Instant leaseUntil, int limit) {
        return jdbc.sql("""
                        WITH due AS (
                            SELECT d.id FROM webhook_deliveries d
                            JOIN webhook_endpoints endpoint ON endpoint.id = d.endpoint_id AND endpoint.enabled
                            WHERE d.status = 'PENDING' AND d.next_attempt_at <= :now
                            ORDER BY d.next_attempt_at
                            LIMIT :limit
                            FOR UPDATE OF d SKIP LOCKED)
                        UPDATE webhook_deliveries d
                        SET attempts = d.attempts + 1, claim = d.claim + 1, next_attempt_at = :leaseUntil, updated_at = :now
                        FROM due, webhook_events e, webhook_endpoints endpoint
                        WHERE d.id = due.id AND e.id = d.event_id AND endpoint.id = d.endpoint_id
                        RETURNING d.id, d.claim, d.attempts, e.id AS event_id, e.type, e.body, endpoint.id AS endpoint_id, endpoint.url,
                                  endpoint.secret_key_version, endpoint.secret_cipher""")
                .param("now", Timestamp.from(now)).param("leaseUntil", Timestamp.from(leaseUntil)).param("limit", limit)
                .query((rs, row) -> new Claimed(rs.getLong("id"), rs.getLong("claim"), rs.getInt("attempts"), rs.getString("event_id"),
                        rs.getString("type"), rs.getString("body"), rs.getString("endpoint_id"), rs.getString("url"),
                        new SecretSealing.Sealed(rs.getInt("secret_key_version"), rs.getBytes("secret_cipher"))))
                .list();
    }

    void insertAttempt(long deliveryId, Instant at, long durationMs, Integer statusCode, String error, String responseBody) {
        jdbc.sql("""
                        INSERT INTO webhook_attempts (delivery_id, attempted_at, duration_ms, status_code, error, response_body)
                        VALUES (?, ?, ?, ?, ?, ?)""")
                .params(deliveryId, Timestamp.from(at), durationMs, statusCode, error, responseBody)
                .update();
    }

    /**
     * Records an attempt's result on its delivery, if the claim is still the worker's (no replay,
     * disable or later claim since). {@code nextAttemptAt} null: give up (FAILED).
     */
    boolean settle(long deliveryId, long claim, boolean delivered, Integer statusCode, String error, Instant nextAttemptAt, Instant now) {
        String status = delivered ? "DELIVERED" : nextAttemptAt == null ? "FAILED" : "PENDING";
        return jdbc.sql("""
                        UPDATE webhook_deliveries
                        SET status = :status, last_status_code = :code, last_error = :error, updated_at = :now,
                            next_attempt_at = COALESCE(CAST(:next AS timestamptz), next_attempt_at),
                            delivered_at = CASE WHEN CAST(:delivered AS boolean) THEN CAST(:now AS timestamptz) END
                        WHERE id = :id AND claim = :claim AND status = 'PENDING'""")
                .param("status", status).param("code", statusCode).param("error", error)
                .param("now", Timestamp.from(now)).param("next", nextAttemptAt == null ? null : Timestamp.from(nextAttemptAt))
                .param("delivered", delivered).param("id", deliveryId).param("claim", claim)
                .update() == 1;
    }

    Optional<WebhookEvent> event(String id) {
        return jdbc.sql("SELECT id, type, subject_ref, body, created_at, published_at FROM webhook_events WHERE id = ?")
                .param(id).query(WebhookRepository::event).optional();
    }

    List<WebhookEvent> events(String type, int limit) {
        return jdbc.sql("""
                        SELECT id, type, subject_ref, body, created_at, published_at FROM webhook_events
                        WHERE CAST(:type AS text) IS NULL OR type = :type
                        ORDER BY created_at DESC, id DESC LIMIT :limit""")
                .param("type", type).param("limit", limit)
                .query(WebhookRepository::event).list();
    }

    List<WebhookDelivery> deliveries(String eventId, String endpointId, String status, int limit) {
        return jdbc.sql("SELECT " + DELIVERY_COLUMNS + """
                         FROM webhook_deliveries d JOIN webhook_events e ON e.id = d.event_id
                        WHERE (CAST(:event AS text) IS NULL OR d.event_id = :event)
                          AND (CAST(:endpoint AS text) IS NULL OR d.endpoint_id = :endpoint)
                          AND (CAST(:status AS text) IS NULL OR d.status = :status)
                        ORDER BY d.id DESC LIMIT :limit""")
                .param("event", eventId).param("endpoint", endpointId).param("status", status).param("limit", limit)
                .query(WebhookRepository::delivery).list();
    }

    List<WebhookDelivery.Attempt> attempts(long deliveryId, int limit) {
        return jdbc.sql("""
                        SELECT attempted_at, duration_ms, status_code, error, response_body FROM webhook_attempts
                        WHERE delivery_id = ? ORDER BY id DESC LIMIT ?""")
                .params(deliveryId, limit)
                .query((rs, row) -> new WebhookDelivery.Attempt(instant(rs, "attempted_at"), rs.getLong("duration_ms"),
                        (Integer) rs.getObject("status_code"), rs.getString("error"), rs.getString("response_body")))
                .list();
    }

    /**
     * Makes the event's deliveries due now with a fresh schedule: to every endpoint that had one,
     * or to one endpoint (created if the endpoint did not subscribe then). A new claim fences off
     * any attempt still running. Returns the deliveries made due.
     */
    int replay(String eventId, String endpointId, Instant now) {
        if (endpointId != null) {
            jdbc.sql("""
                            INSERT INTO webhook_deliveries (event_id, endpoint_id, status, next_attempt_at, created_at, updated_at)
                            VALUES (?, ?, 'PENDING', ?, ?, ?) ON CONFLICT (event_id, endpoint_id) DO NOTHING""")
                    .params(eventId, endpointId, Timestamp.from(now), Timestamp.from(now), Timestamp.from(now)).update();
        }
        return jdbc.sql("""
                        UPDATE webhook_deliveries d
                        SET status = 'PENDING', attempts = 0, claim = claim + 1, next_attempt_at = :now, delivered_at = NULL, updated_at = :now
                        FROM webhook_endpoints endpoint
                        WHERE endpoint.id = d.endpoint_id AND endpoint.enabled
                          AND d.event_id = :event AND (CAST(:endpoint AS text) IS NULL OR d.endpoint_id = :endpoint)""")
                .param("now", Timestamp.from(now)).param("event", eventId).param("endpoint", endpointId)
                .update();
    }

    /** Events not yet confirmed by the broker, oldest first, locked for this transaction (other instances skip them). */
    List<WebhookEvent> lockUnpublished(int limit) {
        return jdbc.sql("""
                        SELECT id, type, subject_ref, body, created_at, published_at FROM webhook_events
                        WHERE published_at IS NULL ORDER BY created_at LIMIT ? FOR UPDATE SKIP LOCKED""")
                .param(limit).query(WebhookRepository::event).list();
    }

    void markPublished(List<String> ids, Instant now) {
        jdbc.sql("UPDATE webhook_events SET published_at = ? WHERE id = ANY (?)")
                .params(Timestamp.from(now), ids.toArray(String[]::new)).update();
    }

    private static WebhookEndpoint endpoint(ResultSet rs, int row) throws SQLException {
        return new WebhookEndpoint(rs.getString("id"), rs.getString("url"),
                Arrays.asList((String[]) rs.getArray("event_types").getArray()), rs.getString("description"),
                rs.getBoolean("enabled"), instant(rs, "created_at"), instant(rs, "disabled_at"));
    }

    private static WebhookEvent event(ResultSet rs, int row) throws SQLException {
        return new WebhookEvent(rs.getString("id"), rs.getString("type"), rs.getString("subject_ref"), rs.getString("body"),
                instant(rs, "created_at"), instant(rs, "published_at"));
    }

    private static WebhookDelivery delivery(ResultSet rs, int row) throws SQLException {
        return new WebhookDelivery(rs.getLong("id"), rs.getString("event_id"), rs.getString("type"), rs.getString("endpoint_id"),
                rs.getString("status"), rs.getInt("attempts"), instant(rs, "next_attempt_at"), (Integer) rs.getObject("last_status_code"),
                rs.getString("last_error"), instant(rs, "delivered_at"), instant(rs, "created_at"), instant(rs, "updated_at"), List.of());
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
