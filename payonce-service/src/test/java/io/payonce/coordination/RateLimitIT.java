package io.payonce.coordination;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import io.payonce.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The rate limit as wired into the running service: which paths it covers and how it answers. */
@IntegrationTest
@DirtiesContext
class RateLimitIT {

    /** Requests sent before a 429 must have appeared: far more than one second's allowance. */
    private static final int ATTEMPTS_MAX = 50;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void limit(DynamicPropertyRegistry registry) {
        registry.add("payonce.rate-limit.per-second", () -> "1");
        registry.add("payonce.db.pool-size", () -> "4");
    }

    @LocalServerPort
    int port;

    @Test
    void public_endpoints_answer_429_with_retry_after_as_problem_json() throws Exception {
        HttpResponse<String> limited = firstLimited(HttpRequest.newBuilder(uri("/v1/products/some-sku")).GET().build());

        assertThat(limited.headers().firstValue("Retry-After")).hasValueSatisfying(value -> assertThat(Long.parseLong(value)).isPositive());
        assertThat(limited.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(limited.body()).contains("\"code\":\"rate_limited\"");
    }

    @Test
    void the_membership_api_answers_429_in_its_envelope() throws Exception {
        HttpResponse<String> limited = firstLimited(HttpRequest.newBuilder(uri("/api/member/createOrRenewMember"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).header("Content-Type", "application/json").build());

        assertThat(limited.headers().firstValue("Retry-After")).isPresent();
        assertThat(limited.body()).startsWith("{\"code\":42901,");
    }

    @Test
    void admin_and_operations_endpoints_are_never_limited() throws Exception {
        for (int i = 0; i < 20; i++) {
            HttpResponse<String> admin = HTTP.send(HttpRequest.newBuilder(uri("/v1/admin/systems/generate"))
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).header("Content-Type", "application/json").build(),
                    HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> health = HTTP.send(HttpRequest.newBuilder(uri("/actuator/health")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(admin.statusCode()).isEqualTo(401);
            assertThat(health.statusCode()).isNotEqualTo(429);
        }
    }

    private HttpResponse<String> firstLimited(HttpRequest request) throws Exception {
        for (int i = 0; i < ATTEMPTS_MAX; i++) {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 429) {
                return response;
            }
        }
        throw new AssertionError("No 429 after " + ATTEMPTS_MAX + " requests at a limit of 1 per second");
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
