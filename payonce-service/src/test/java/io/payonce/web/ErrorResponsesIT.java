package io.payonce.web;

import static io.payonce.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;

import io.payonce.support.Api;
import io.payonce.support.IntegrationTest;
import io.payonce.support.Shop;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Framework-level rejections answer RFC 9457 problem+json with a code, never a whitelabel page or a 500. */
@IntegrationTest
class ErrorResponsesIT {

    @LocalServerPort
    int port;
    @LocalManagementPort
    int managementPort;
    Api api;
    /** A buyer with a session: framework rejections of the order endpoints come after the credential check. */
    Api buyer;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        buyer = new Shop(api).api();
    }

    @Test
    void an_unknown_path_is_a_404_problem() {
        assertProblem(api.get("/v1/nothing-here"), 404, "not_found");
    }

    @Test
    void a_wrong_method_is_a_405_problem() {
        assertProblem(api.send(HttpRequest.newBuilder(api.uri("/v1/orders")).DELETE()), 405, "method_not_allowed");
    }

    @Test
    void a_body_that_is_not_json_is_a_415_problem() {
        assertProblem(api.send(HttpRequest.newBuilder(api.uri("/v1/orders"))
                .header("Content-Type", "text/plain").header("Idempotency-Key", "k1")
                .POST(HttpRequest.BodyPublishers.ofString("sku=a"))), 415, "unsupported_media_type");
    }

    @Test
    void malformed_json_is_a_400_problem_that_does_not_echo_the_input() {
        Api.Answer answer = buyer.postIdempotent("/v1/orders", "{\"sku\": \"secret-ish\", ", "k2");
        assertProblem(answer, 400, "malformed_json");
        assertThat(answer.body()).doesNotContain("secret-ish");
    }

    @Test
    void a_body_over_the_limit_is_a_413_problem() {
        String big = "{\"sku\":\"" + "a".repeat(70_000) + "\",\"quantity\":1}";
        assertProblem(buyer.postIdempotent("/v1/orders", big, "k3"), 413, "payload_too_large");
    }

    @Test
    void admin_endpoints_without_a_valid_credential_are_a_401_problem() {
        assertProblem(api.post("/v1/admin/products", "{}"), 401, "credentials_missing");
        assertProblem(api.post("/v1/admin/products", "{}", java.util.Map.of("Authorization", "Bearer wrong")), 401, "credentials_invalid");
        assertProblem(api.post("/v1/admin/no-such-thing", "{}"), 401, "credentials_missing");
    }

    @Test
    void health_openapi_and_prometheus_answer() {
        assertThat(api.get("/actuator/health").json().get("status").asString()).isEqualTo("UP");
        Api.Answer docs = api.get("/v3/api-docs");
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.json().get("paths").has("/v1/orders/{orderId}/payments")).isTrue();
        Api.Answer metrics = new Api(managementPort).get("/actuator/prometheus");
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).contains("http_server_requests_seconds");
    }
}
