package io.payonce.products;

import java.net.URI;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.payonce.client.http.HttpAnswer;
import io.payonce.support.Api;
import io.payonce.support.IntegrationTest;
import tools.jackson.core.json.JsonWriteFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The product and stock endpoints of a running test service, raw, on payonce-client's connections ({@link Api#exchange}). */
public final class ShopHttp {

    // Escaped, so a test can send a lone surrogate: raw, the client's UTF-8 encoder would turn it into '?'.
    private static final JsonMapper JSON = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

    private final String baseUrl;

    public ShopHttp(int port) {
        this.baseUrl = "http://localhost:" + port;
    }

    /** One answer: status, headers, and the body parsed as JSON (a missing node when it is not JSON). */
    public record Answer(int status, HttpHeaders headers, String text, JsonNode body) {
        public String code() {
            return body.path("code").asString("");
        }
    }

    public Answer get(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET());
    }

    public Answer postAsAdmin(String path, Object body) {
        return postRaw(path, JSON.writeValueAsString(body), "Bearer " + IntegrationTest.ADMIN_TOKEN);
    }

    /** Posts text as JSON with the given Authorization header (none when null). */
    public Answer postRaw(String path, String json, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return send(request);
    }

    public Answer createCardKeyProduct(String sku) {
        return postAsAdmin("/v1/admin/products", productBody(sku, "CARD_KEY", null));
    }

    public Answer createMembershipProduct(String sku, int days) {
        return postAsAdmin("/v1/admin/products", productBody(sku, "MEMBERSHIP", days));
    }

    public Answer importCodes(String sku, List<String> codes) {
        return postAsAdmin("/v1/admin/products/" + sku + "/card-keys", Map.of("codes", codes));
    }

    /** A valid product body, mutable so a test can spoil one field. */
    public static Map<String, Object> productBody(String sku, String kind, Integer membershipDays) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("sku", sku);
        body.put("name", "Product " + sku);
        body.put("kind", kind);
        body.put("price", 1999);
        body.put("currency", "CNY");
        if (membershipDays != null) {
            body.put("membershipDays", membershipDays);
        }
        return body;
    }

    private Answer send(HttpRequest.Builder request) {
        HttpAnswer response = Api.exchange(request.build());
        return new Answer(response.statusCode(), response.headers(), response.body(), parse(response.body()));
    }

    private static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (RuntimeException notJson) {
            return JSON.missingNode();
        }
    }
}
