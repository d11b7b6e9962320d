package io.payonce.membership;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

import io.payonce.client.http.HttpAnswer;
import io.payonce.support.Api;
import io.payonce.support.IntegrationTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A calling system as a test sees it: registers itself, signs requests the way API.md describes
 * (written here independently of the server's code and of payonce-client's signer, so a shared
 * mistake cannot pass), sends them raw through payonce-client's connections ({@link Api#exchange}).
 */
final class MemberApiClient {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private final String baseUrl;
    private final LongSupplier clockMillis;

    MemberApiClient(int port) {
        this(port, System::currentTimeMillis);
    }

    MemberApiClient(int port, LongSupplier clockMillis) {
        this.baseUrl = "http://localhost:" + port;
        this.clockMillis = clockMillis;
    }

    /** A system with a fresh key pair and a random id, registered through the admin API. */
    CallingSystem registerNewSystem() {
        CallingSystem system = new CallingSystem("sys-" + UUID.randomUUID().toString().substring(0, 12), generateKeyPair());
        Response answer = admin("/v1/admin/systems", Map.of("systemId", system.systemId(), "publicKeyPem", system.publicKeyPem()));
        if (answer.status() != 201) {
            throw new IllegalStateException("Registering a system failed: " + answer);
        }
        return system;
    }

    /** The seven fields of a correctly signed request, in a mutable map a test can then spoil. */
    Map<String, Object> signedFields(CallingSystem system, String orderNo, String userId, long days) {
        return signedFields(system.systemId(), system.keyPair().getPrivate(), orderNo, userId, days);
    }

    Map<String, Object> signedFields(String systemId, PrivateKey key, String orderNo, String userId, long days) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("systemId", systemId);
        fields.put("orderNo", orderNo);
        fields.put("userId", userId);
        fields.put("days", days);
        fields.put("timestamp", clockMillis.getAsLong());
        fields.put("nonce", UUID.randomUUID().toString().replace("-", ""));
        fields.put("sign", sign(fields, key));
        return fields;
    }

    Response createOrRenew(CallingSystem system, String orderNo, String userId, long days) {
        return post("/api/member/createOrRenewMember", signedFields(system, orderNo, userId, days));
    }

    Response post(String path, Map<String, Object> body) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
    }

    Response postRaw(String path, String body, String contentType) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** A lookup as the merchant's backend makes it: with a credential holding the members scope. */
    Response get(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Authorization", "Bearer " + IntegrationTest.ADMIN_TOKEN).GET());
    }

    Response getAnonymously(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET());
    }

    Response request(String method, String path, String accept) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Accept", accept)
                .header("Authorization", "Bearer " + IntegrationTest.ADMIN_TOKEN)
                .method(method, HttpRequest.BodyPublishers.noBody()));
    }

    Response admin(String path, Object body) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + IntegrationTest.ADMIN_TOKEN)
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
    }

    /** API.md's rule: every other non-empty field as key=value, keys sorted, joined with &. */
    static String canonical(Map<String, Object> fields) {
        return new TreeMap<>(fields).entrySet().stream()
                .filter(e -> !e.getKey().equals("sign") && e.getValue() != null && !e.getValue().toString().isEmpty())
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("&"));
    }

    static String sign(Map<String, Object> fields, PrivateKey key) {
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(key);
            signature.update(canonical(fields).getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static KeyPair generateKeyPair() {
        return generateKeyPair(2048);
    }

    static KeyPair generateKeyPair(int bits) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(bits);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Response send(HttpRequest.Builder request) {
        HttpAnswer response = Api.exchange(request.timeout(Duration.ofSeconds(60)).build());
        String body = response.body();
        JsonNode json = body.isEmpty() ? null : JSON.readTree(body);
        return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                response.headers().firstValue("Allow").orElse(null), body, json);
    }

    /** A calling system's identity and key pair. */
    record CallingSystem(String systemId, KeyPair keyPair) {
        String publicKeyPem() {
            return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(keyPair.getPublic().getEncoded())
                    + "\n-----END PUBLIC KEY-----\n";
        }
    }

    /** An HTTP answer, with its JSON body parsed when it has one. */
    record Response(int status, String contentType, String allow, String body, JsonNode json) {
        int code() {
            return json.get("code").asInt();
        }

        JsonNode data() {
            return json.get("data");
        }

        String expiresAt() {
            return data().get("expiresAt").asString();
        }
    }
}
