package io.payonce.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

import io.payonce.client.PayonceClient;
import io.payonce.client.RetryPolicy;
import io.payonce.client.http.HttpAnswer;
import io.payonce.client.http.HttpCall;
import io.payonce.client.http.HttpTransport;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Raw HTTP for integration tests, on payonce-client's connections: sends exactly what a test
 * builds (malformed on purpose too), once, and returns what came back. {@link #client()} is the
 * typed client on the same connections.
 */
public final class Api {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** One pool of connections for every test helper (Api, ShopHttp, MemberApiClient, SandboxControl). */
    private static final HttpTransport TRANSPORT = HttpTransport.jdk(Duration.ofSeconds(5));
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final String base;
    private final Credentials credentials;

    public Api(int port) {
        this("http://127.0.0.1:" + port, Credentials.NONE);
    }

    private Api(String base, Credentials credentials) {
        this.base = base;
        this.credentials = credentials;
    }

    /**
     * What a client sends with each request (its bearer token, an order's token) and what it keeps
     * from the answers. Headers a call sets itself win over these.
     */
    public interface Credentials {
        Credentials NONE = (method, path) -> Map.of();

        Map<String, String> headers(String method, String path);

        default void answered(String method, String path, Answer answer) {
        }
    }

    /** The same service, called with these credentials. */
    public Api with(Credentials other) {
        return new Api(base, other);
    }

    /** The same service, called with {@code Authorization: Bearer <token>}. */
    public Api bearer(String token) {
        return with((method, path) -> Map.of("Authorization", "Bearer " + token));
    }

    /** The typed payonce-client for this service, on the same connections, without a credential. */
    public PayonceClient client() {
        return client(base, null, RetryPolicy.none());
    }

    /** The typed payonce-client for this service, with a bearer credential and a retry policy. */
    public PayonceClient client(String bearer, RetryPolicy retryPolicy) {
        return client(base, bearer, retryPolicy);
    }

    /** A typed client of any base URL on the tests' shared connections (closing it leaves them open). */
    public static PayonceClient client(String baseUrl, String bearer, RetryPolicy retryPolicy) {
        return PayonceClient.builder().baseUrl(baseUrl).adminToken(bearer).transport(TRANSPORT).retryPolicy(retryPolicy).build();
    }

    /** Sends a JDK request once through the shared connections (a 30 s timeout unless it has one). */
    public static HttpAnswer exchange(HttpRequest request) {
        try {
            return TRANSPORT.send(HttpCall.of(request, TIMEOUT));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** One answer: status, headers and body, with the body readable as JSON. */
    public record Answer(int status, HttpAnswer raw) {
        public String body() {
            return raw.body();
        }

        public JsonNode json() {
            return JSON.readTree(raw.body());
        }

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        public String code() {
            JsonNode code = json().get("code");
            return code == null ? null : code.asString();
        }
    }

    public Answer get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    public Answer delete(String path) {
        return send(HttpRequest.newBuilder(uri(path)).DELETE());
    }

    public Answer post(String path, String json) {
        return post(path, json, Map.of());
    }

    public Answer post(String path, String json, Map<String, String> headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .POST(json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        headers.forEach(builder::header);
        return send(builder);
    }

    public Answer postIdempotent(String path, String json, String key) {
        return post(path, json, Map.of("Idempotency-Key", key));
    }

    public Answer admin(String path, String json) {
        return post(path, json, Map.of("Authorization", "Bearer " + IntegrationTest.ADMIN_TOKEN));
    }

    public Answer postForm(String path, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    public Answer send(HttpRequest.Builder builder) {
        HttpRequest request = withCredentials(builder.timeout(TIMEOUT).build());
        HttpAnswer raw = exchange(request);
        Answer answer = new Answer(raw.statusCode(), raw);
        credentials.answered(request.method(), request.uri().getRawPath(), answer);
        return answer;
    }

    /**
     * Sends bytes exactly as given (the JDK client rewrites header values it dislikes), and returns
     * the status line's code.
     */
    public int rawStatus(byte[] request) {
        URI uri = uri("/");
        try (java.net.Socket socket = new java.net.Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request);
            socket.getOutputStream().flush();
            String statusLine = new java.io.BufferedReader(new java.io.InputStreamReader(
                    socket.getInputStream(), StandardCharsets.ISO_8859_1)).readLine();
            return Integer.parseInt(statusLine.split(" ")[1]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HttpRequest withCredentials(HttpRequest request) {
        Map<String, String> extra = credentials.headers(request.method(), request.uri().getRawPath());
        if (extra.isEmpty()) {
            return request;
        }
        HttpRequest.Builder copy = HttpRequest.newBuilder(request, (name, value) -> true);
        extra.forEach((name, value) -> {
            if (request.headers().firstValue(name).isEmpty()) {
                copy.header(name, value);
            }
        });
        return copy.build();
    }

    public URI uri(String path) {
        return URI.create(base + path);
    }

    public static JsonNode parse(String json) {
        return JSON.readTree(json);
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
