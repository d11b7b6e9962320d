package io.payonce.webhooks;

import static io.payonce.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import io.payonce.support.Api;
import io.payonce.support.IntegrationTest;
import io.payonce.support.Shop;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Every refusal of the webhook admin API, written as the attempt: each is problem+json and changes nothing. */
@WebhookTest
class WebhookAdminIT {

    private static final String ENDPOINTS = "/v1/admin/webhook-endpoints";

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    Api anonymous;
    Api admin;

    @BeforeEach
    void setUp() {
        anonymous = new Api(port);
        admin = anonymous.bearer(IntegrationTest.ADMIN_TOKEN);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ftp://example.com/hook", "file:///etc/passwd", "javascript:alert(1)", "gopher://127.0.0.1:6379/_FLUSHALL",
            "http://user:pass@example.com/hook", "https://example.com/hook#part", "/relative/path", "http:///no-host", "not a url"})
    void a_url_payonce_will_not_post_to_is_refused(String url) {
        assertUnchanged(() -> assertProblem(create("{\"url\":\"" + url + "\",\"eventTypes\":[\"order.paid\"]}"), 400,
                "webhook_url_not_allowed"));
    }

    @Test
    void a_url_longer_than_2048_characters_is_refused() {
        assertUnchanged(() -> assertProblem(create("{\"url\":\"https://example.com/" + "a".repeat(2048) + "\",\"eventTypes\":[\"order.paid\"]}"),
                400, "webhook_url_not_allowed"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"{\"url\":\"https://example.com/h\",\"eventTypes\":[\"order.cancelled\"]}",
            "{\"url\":\"https://example.com/h\",\"eventTypes\":[]}",
            "{\"url\":\"https://example.com/h\"}",
            "{\"url\":\"https://example.com/h\",\"eventTypes\":[\"order.paid\",\"order.paid\",\"order.paid\",\"order.paid\",\"order.paid\",\"order.paid\"]}"})
    void unknown_missing_or_too_many_event_types_and_a_long_description_are_invalid(String body) {
        assertUnchanged(() -> assertProblem(create(body), 400, "invalid_request"));
    }

    @Test
    void a_description_longer_than_200_characters_is_invalid() {
        assertUnchanged(() -> assertProblem(create("{\"url\":\"https://example.com/h\",\"eventTypes\":[\"order.paid\"],\"description\":\""
                + "d".repeat(201) + "\"}"), 400, "invalid_request"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"", "not json", "{\"url\":\"https://example.com/h\",\"eventTypes\":[\"order.paid\"],\"secret\":\"mine\"}",
            "{\"url\":7,\"eventTypes\":[\"order.paid\"]}"})
    void malformed_bodies_and_unknown_fields_are_refused(String body) {
        assertUnchanged(() -> assertProblem(create(body.isEmpty() ? null : body), 400, "malformed_json"));
    }

    @Test
    void without_a_credential_or_the_admin_scope_nothing_is_shown_or_changed() {
        String body = "{\"url\":\"https://example.com/h\",\"eventTypes\":[\"order.paid\"]}";
        assertUnchanged(() -> {
            assertProblem(anonymous.post(ENDPOINTS, body), 401, "credentials_missing");
            assertProblem(anonymous.get(ENDPOINTS), 401, "credentials_missing");
            assertProblem(anonymous.bearer("pk_nothing_wrong").post(ENDPOINTS, body), 401, "credentials_invalid");
            Api merchant = new Shop(anonymous).merchant();
            assertProblem(merchant.post(ENDPOINTS, body), 403, "scope_missing");
            assertProblem(merchant.get("/v1/admin/webhook-deliveries"), 403, "scope_missing");
            assertProblem(merchant.get("/v1/admin/webhook-events"), 403, "scope_missing");
            assertProblem(anonymous.post("/v1/admin/webhook-events/evt_0000000000aaaaaaaaaaaaaaaa/replay", null), 401, "credentials_missing");
        });
    }

    @Test
    void unknown_ids_are_not_found_and_a_disabled_endpoint_takes_no_replay() {
        assertProblem(admin.post(ENDPOINTS + "/we_0000000000aaaaaaaaaaaaaaaa/disable", null), 404, "webhook_endpoint_not_found");
        assertProblem(admin.post(ENDPOINTS + "/not-an-id/disable", null), 404, "webhook_endpoint_not_found");
        assertProblem(admin.get("/v1/admin/webhook-events/evt_0000000000aaaaaaaaaaaaaaaa"), 404, "webhook_event_not_found");
        assertProblem(admin.get("/v1/admin/webhook-events/x'%20OR%201=1"), 404, "webhook_event_not_found");
        assertProblem(admin.post("/v1/admin/webhook-events/evt_0000000000aaaaaaaaaaaaaaaa/replay", null), 404, "webhook_event_not_found");

        Api.Answer created = create("{\"url\":\"https://example.com/h\",\"eventTypes\":[\"order.paid\"]}");
        String endpointId = created.json().get("id").asString();
        Api.Answer disabled = admin.post(ENDPOINTS + "/" + endpointId + "/disable", null);
        assertThat(disabled.status()).isEqualTo(200);
        assertThat(disabled.json().get("enabled").asBoolean()).isFalse();
        assertThat(admin.post(ENDPOINTS + "/" + endpointId + "/disable", null).json().get("disabledAt").asString())
                .as("disabling again changes nothing").isEqualTo(disabled.json().get("disabledAt").asString());

        String eventId = anyEvent();
        assertProblem(admin.post("/v1/admin/webhook-events/" + eventId + "/replay", "{\"endpointId\":\"" + endpointId + "\"}"),
                409, "webhook_endpoint_disabled");
        assertProblem(admin.post("/v1/admin/webhook-events/" + eventId + "/replay", "{\"endpointId\":\"we_0000000000aaaaaaaaaaaaaaaa\"}"),
                404, "webhook_endpoint_not_found");
        assertProblem(admin.post("/v1/admin/webhook-events/" + eventId + "/replay", "{\"endpoint\":\"x\"}"), 400, "malformed_json");
        assertThat(jdbc.sql("SELECT count(*) FROM webhook_deliveries WHERE endpoint_id = ?").param(endpointId).query(Long.class).single())
                .isZero();
    }

    @Test
    void list_filters_out_of_range_are_invalid() {
        assertProblem(admin.get("/v1/admin/webhook-events?limit=0"), 400, "invalid_request");
        assertProblem(admin.get("/v1/admin/webhook-events?limit=501"), 400, "invalid_request");
        assertProblem(admin.get("/v1/admin/webhook-events?type=order.cancelled"), 400, "invalid_request");
        assertProblem(admin.get("/v1/admin/webhook-deliveries?status=LOST"), 400, "invalid_request");
        assertProblem(admin.get("/v1/admin/webhook-deliveries?eventId=1%20OR%201=1"), 400, "invalid_request");
        assertProblem(admin.get("/v1/admin/webhook-deliveries?limit=-1"), 400, "invalid_request");
    }

    private Api.Answer create(String body) {
        return admin.post(ENDPOINTS, body);
    }

    /** An event to replay: a paid order's. */
    private String anyEvent() {
        Shop shop = new Shop(anonymous);
        String orderId = shop.placeOrder(shop.stockedSku("wh-admin", 100, 1), 1);
        shop.buyerPays(shop.startPayment(orderId));
        shop.awaitStatus(orderId, "DELIVERED");
        return jdbc.sql("SELECT id FROM webhook_events WHERE type = 'order.paid' AND subject_ref = ?").param(orderId)
                .query(String.class).single();
    }

    private void assertUnchanged(Runnable attempt) {
        Map<String, Object> before = counts();
        attempt.run();
        assertThat(counts()).isEqualTo(before);
    }

    private Map<String, Object> counts() {
        return jdbc.sql("SELECT (SELECT count(*) FROM webhook_endpoints) AS endpoints, (SELECT count(*) FROM webhook_deliveries) AS deliveries")
                .query().singleRow();
    }
}
