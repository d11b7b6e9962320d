package io.payonce.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import io.payonce.payments.OrderExpiryJob;
import io.payonce.support.Api;
import io.payonce.support.Shop;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The merchant's receiver is down while orders are paid, delivered, refunded and expired and a
 * membership renewed; once it is up (and after one more failure), every event arrives, each with
 * a valid signature and its id, and the receiver deduplicates by that id. Attempts are visible and
 * a replay is one call.
 */
@WebhookTest
class WebhookDeliveryIT {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    OrderExpiryJob expiryJob;
    Shop shop;
    Api admin;
    TestReceiver receiver;
    TestReceiver refundsOnly;

    @BeforeEach
    void setUp() {
        shop = new Shop(new Api(port));
        admin = new Api(port).bearer(io.payonce.support.IntegrationTest.ADMIN_TOKEN);
        receiver = new TestReceiver(1);
        refundsOnly = new TestReceiver(0);
    }

    @AfterEach
    void tearDown() {
        receiver.close();
        refundsOnly.close();
        // Other tests in this context must not post to receivers that are gone.
        for (String id : jdbc.sql("SELECT id FROM webhook_endpoints WHERE enabled").query(String.class).list()) {
            admin.post("/v1/admin/webhook-endpoints/" + id + "/disable", null);
        }
    }

    @Test
    void a_receiver_down_for_a_while_then_gets_every_event_signed_and_deduplicates_them_by_id() {
        Endpoint all = register(receiver.url(), List.of("order.paid", "order.delivered", "order.refunded", "order.expired",
                "membership.renewed"));
        Endpoint refunds = register(refundsOnly.url(), List.of("order.refunded"));
        refundsOnly.start();

        String keyOrder = paidOrder(shop.stockedSku("wh-key", 500, 2));
        assertThat(shop.refund(keyOrder, 200, UUID.randomUUID().toString()).status()).isEqualTo(201);
        String membershipSku = Shop.uniqueSku("wh-vip");
        shop.membershipProduct(membershipSku, 300, 30);
        String membershipOrder = paidOrder(membershipSku);
        String expiring = shop.placeOrder(shop.stockedSku("wh-exp", 100, 1), 1);
        transactions.executeWithoutResult(tx -> jdbc.sql("UPDATE orders SET expires_at = now() - interval '1 minute' WHERE id = ?")
                .param(expiring).update());
        expiryJob.sweep();

        Map<String, String> expected = Map.of(
                "order.paid/" + keyOrder, "", "order.delivered/" + keyOrder, "", "order.refunded/" + keyOrder, "",
                "order.paid/" + membershipOrder, "", "order.delivered/" + membershipOrder, "",
                "membership.renewed/" + membershipOrder, "", "order.expired/" + expiring, "");
        List<String> eventIds = eventIdsAbout(Set.of(keyOrder, membershipOrder, expiring));
        assertThat(eventIds).hasSize(expected.size());

        // While the receiver is down, attempts fail and are recorded ("connection refused"), nothing is lost.
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                deliveries("endpointId=" + all.id()).stream().allMatch(d -> d.get("attempts").asInt() >= 2));
        JsonNode down = deliveries("endpointId=" + all.id()).getFirst();
        assertThat(down.get("status").asString()).isEqualTo("PENDING");
        assertThat(down.get("lastError").asString()).isEqualTo("connection refused");
        assertThat(down.get("recentAttempts").get(0).get("error").asString()).isEqualTo("connection refused");
        assertThat(receiver.received()).isEmpty();

        receiver.start();
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                deliveries("endpointId=" + all.id()).stream().allMatch(d -> d.get("status").asString().equals("DELIVERED")));

        Map<String, TestReceiver.Received> deduplicated = receiver.received().stream()
                .collect(Collectors.toMap(TestReceiver.Received::eventId, r -> r, (first, again) -> first));
        assertThat(deduplicated.keySet()).containsExactlyInAnyOrderElementsOf(eventIds);
        assertThat(receiver.received().size()).as("the one 500 was retried").isEqualTo(eventIds.size() + 1);
        for (TestReceiver.Received received : receiver.received()) {
            JsonNode body = Api.parse(received.body());
            assertThat(body.get("id").asString()).isEqualTo(received.eventId());
            assertThat(body.get("type").asString()).isEqualTo(received.eventType());
            assertThat(WebhookSignature.verify(all.secret(), received.signature(), received.body(), Instant.now().getEpochSecond(),
                    WebhookSignature.TOLERANCE_SECONDS_DEFAULT)).isEqualTo(WebhookSignature.Verdict.VALID);
            assertThat(WebhookSignature.verify(refunds.secret(), received.signature(), received.body(), Instant.now().getEpochSecond(),
                    WebhookSignature.TOLERANCE_SECONDS_DEFAULT)).as("another endpoint's secret").isEqualTo(WebhookSignature.Verdict.MISMATCH);
        }
        assertThat(deduplicated.values().stream().map(r -> r.eventType() + "/" + subject(Api.parse(r.body()))).collect(Collectors.toSet()))
                .isEqualTo(expected.keySet());
        TestReceiver.Received refund = deduplicated.values().stream().filter(r -> r.eventType().equals("order.refunded")).findFirst().orElseThrow();
        JsonNode refundData = Api.parse(refund.body()).get("data");
        assertThat(refundData.get("refundAmount").asLong()).isEqualTo(200);
        assertThat(refundData.get("status").asString()).isEqualTo("PARTIALLY_REFUNDED");
        assertThat(refund.body()).as("never a card key in an event").doesNotContain("KEY-");

        // The endpoint for refunds only got the refund, and nothing else.
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !refundsOnly.received().isEmpty());
        assertThat(refundsOnly.received()).singleElement().satisfies(r -> {
            assertThat(r.eventType()).isEqualTo("order.refunded");
            assertThat(WebhookSignature.verify(refunds.secret(), r.signature(), r.body(), Instant.now().getEpochSecond(), 300))
                    .isEqualTo(WebhookSignature.Verdict.VALID);
        });
    }

    @Test
    void a_replay_sends_the_same_event_again_with_a_fresh_signature_and_its_attempts_are_listed() {
        receiver.start();
        Endpoint endpoint = register(receiver.url(), List.of("order.paid"));
        String orderId = paidOrder(shop.stockedSku("wh-replay", 100, 1));
        String eventId = eventIdsAbout(Set.of(orderId)).stream()
                .filter(id -> admin.get("/v1/admin/webhook-events/" + id).json().get("type").asString().equals("order.paid"))
                .findFirst().orElseThrow();
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> receiver.received().stream().filter(r -> r.eventId().equals(eventId)).count() == 2);

        Api.Answer replay = admin.post("/v1/admin/webhook-events/" + eventId + "/replay", null);
        assertThat(replay.status()).as(replay.body()).isEqualTo(200);
        assertThat(replay.json().get("deliveries").asInt()).isEqualTo(1);
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> receiver.received().stream().filter(r -> r.eventId().equals(eventId)).count() == 3);

        List<TestReceiver.Received> copies = receiver.received().stream().filter(r -> r.eventId().equals(eventId)).toList();
        assertThat(copies).extracting(TestReceiver.Received::body).as("byte for byte the same event").containsOnly(copies.getFirst().body());
        assertThat(WebhookSignature.verify(endpoint.secret(), copies.getLast().signature(), copies.getLast().body(),
                Instant.now().getEpochSecond(), 300)).isEqualTo(WebhookSignature.Verdict.VALID);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() ->
                deliveries("eventId=" + eventId).getFirst().get("status").asString().equals("DELIVERED"));
        JsonNode delivery = deliveries("eventId=" + eventId).getFirst();
        assertThat(delivery.get("attempts").asInt()).as("a fresh schedule").isEqualTo(1);
        JsonNode attempts = delivery.get("recentAttempts");
        assertThat(attempts).hasSize(3);
        assertThat(attempts.get(0).get("statusCode").asInt()).isEqualTo(200);
        assertThat(attempts.get(0).get("responseBody").asString()).isEqualTo("ok");
        assertThat(attempts.get(2).get("statusCode").asInt()).isEqualTo(500);
        assertThat(attempts.get(2).get("responseBody").asString()).isEqualTo("receiver broken");
        assertThat(attempts.get(0).get("attemptedAt").asString()).isNotBlank();
    }

    record Endpoint(String id, String secret) {
    }

    private Endpoint register(String url, List<String> types) {
        Api.Answer created = admin.post("/v1/admin/webhook-endpoints", "{\"url\":\"" + url + "\",\"eventTypes\":["
                + types.stream().map(t -> "\"" + t + "\"").collect(Collectors.joining(",")) + "]}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.header("Cache-Control")).contains("no-store");
        String secret = created.json().get("secret").asString();
        assertThat(secret).startsWith("whsec_");
        assertThat(admin.get("/v1/admin/webhook-endpoints").body()).as("the secret is shown once").doesNotContain(secret);
        assertThat(jdbc.sql("SELECT count(*) FROM webhook_endpoints WHERE encode(secret_cipher, 'escape') LIKE ?")
                .param("%" + secret + "%").query(Long.class).single()).as("sealed at rest").isZero();
        return new Endpoint(created.json().get("id").asString(), secret);
    }

    private String paidOrder(String sku) {
        String orderId = shop.placeOrder(sku, 1);
        shop.buyerPays(shop.startPayment(orderId));
        shop.awaitStatus(orderId, "DELIVERED");
        return orderId;
    }

    private List<String> eventIdsAbout(Set<String> orderIds) {
        return jdbc.sql("SELECT id FROM webhook_events WHERE body::jsonb -> 'data' ->> 'orderId' = ANY (?) OR body::jsonb -> 'data' ->> 'orderNo' = ANY (?)")
                .params(orderIds.toArray(String[]::new), orderIds.toArray(String[]::new)).query(String.class).list();
    }

    private List<JsonNode> deliveries(String query) {
        Api.Answer answer = admin.get("/v1/admin/webhook-deliveries?" + query);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        List<JsonNode> list = new java.util.ArrayList<>();
        answer.json().get("deliveries").forEach(list::add);
        assertThat(list).isNotEmpty();
        return list;
    }

    private static String subject(JsonNode body) {
        JsonNode data = body.get("data");
        return data.has("orderId") ? data.get("orderId").asString() : data.get("orderNo").asString();
    }
}
