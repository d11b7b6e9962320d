package io.payonce.coordination;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import io.payonce.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The attack: a flood of forged notifications from one address. Callbacks have a per-address
 * limit with buckets of their own, so the flood is cut to 429s, changes nothing, and does not
 * use up the public endpoints' allowance of the same address.
 */
@IntegrationTest
@DirtiesContext
class CallbackRateLimitIT {

    /** Requests sent before a 429 must have appeared: far more than one second's allowance. */
    private static final int ATTEMPTS_MAX = 50;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void limit(DynamicPropertyRegistry registry) {
        registry.add("payonce.rate-limit.per-second", () -> "1000");
        registry.add("payonce.rate-limit.callbacks-per-second", () -> "1");
        registry.add("payonce.db.pool-size", () -> "4");
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    @Test
    void a_flood_of_forged_callbacks_is_limited_per_address_and_changes_nothing() throws Exception {
        long paymentsBefore = count("payments");
        long ledgerBefore = count("ledger_entries");
        HttpRequest forged = HttpRequest.newBuilder(uri("/v1/callbacks/alipay"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("out_trade_no=pay_forged&trade_status=TRADE_SUCCESS&sign=AAAA"))
                .build();

        HttpResponse<String> limited = firstLimited(forged);

        assertThat(limited.headers().firstValue("Retry-After")).hasValueSatisfying(v -> assertThat(Long.parseLong(v)).isPositive());
        assertThat(limited.body()).contains("\"code\":\"rate_limited\"");
        HttpResponse<String> publicEndpoint = HTTP.send(HttpRequest.newBuilder(uri("/v1/products/some-sku")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(publicEndpoint.statusCode()).isEqualTo(404);
        assertThat(count("payments")).isEqualTo(paymentsBefore);
        assertThat(count("ledger_entries")).isEqualTo(ledgerBefore);
    }

    private HttpResponse<String> firstLimited(HttpRequest request) throws Exception {
        for (int i = 0; i < ATTEMPTS_MAX; i++) {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 429) {
                return response;
            }
            assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        }
        throw new AssertionError("No 429 after " + ATTEMPTS_MAX + " callbacks at a limit of 1 per second");
    }

    private long count(String table) {
        return jdbc.sql("SELECT count(*) FROM " + table).query(Long.class).single();
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
