package io.payonce.client;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

import io.payonce.client.CallEngine.Repeat;
import io.payonce.client.http.HttpAnswer;
import io.payonce.client.http.HttpCall;
import io.payonce.client.http.HttpTransport;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * payonce's Java client: typed calls for the shop, payments, refunds, membership and
 * administration, each one logical call under one Idempotency-Key however often it is retried.
 *
 * <pre>{@code
 * PayonceClient payonce = PayonceClient.builder().baseUrl("http://localhost:8080").buyerToken(token).build();
 * Order order = payonce.orders().create(NewOrder.of("game-key", 1)).value();
 * }</pre>
 *
 * Thread-safe; share one per credential ({@link #withBearer} shares the connections).
 */
public final class PayonceClient implements AutoCloseable {

    static final JsonMapper JSON = JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    private final CallEngine engine;
    private final boolean ownsTransport;

    private PayonceClient(CallEngine engine, boolean ownsTransport) {
        this.engine = engine;
        this.ownsTransport = ownsTransport;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The same service and connections, called with another bearer credential (null: none). */
    public PayonceClient withBearer(String token) {
        return new PayonceClient(engine.withBearer(token), false);
    }

    public Catalog catalog() {
        return new Catalog(this);
    }

    public Orders orders() {
        return new Orders(this);
    }

    public Members members() {
        return new Members(this);
    }

    public Admin admin() {
        return new Admin(this);
    }

    /** The service's base URL. */
    public URI baseUrl() {
        return engine.base();
    }

    /**
     * Sends one request exactly as given, once, through the client's connections: for calls this
     * client has no method for (tests send malformed ones on purpose). Nothing is added or retried.
     */
    public HttpAnswer sendRaw(HttpCall call) throws IOException, InterruptedException {
        return engine.transport().send(call);
    }

    @Override
    public void close() {
        if (ownsTransport) {
            engine.transport().close();
        }
    }

    // ---- plumbing shared by Catalog, Orders, Members and Admin ----

    <T> Result<T> get(String path, Class<T> type, RequestOptions options) {
        return expect(engine.execute(new CallEngine.Spec("GET", path, null, null, options, false, Repeat.ANY_FAILURE)), type);
    }

    <T> Result<T> delete(String path, Class<T> type, RequestOptions options) {
        return expect(engine.execute(new CallEngine.Spec("DELETE", path, null, null, options, false, Repeat.ANY_FAILURE)), type);
    }

    /** A POST under an Idempotency-Key: safe to repeat after any failure. */
    <T> Result<T> postKeyed(String path, Object body, Class<T> type, RequestOptions options) {
        return expect(engine.execute(new CallEngine.Spec("POST", path, jsonBody(body), "application/json", options, true,
                Repeat.ANY_FAILURE)), type);
    }

    /** A POST without an Idempotency-Key: repeated only when it surely was not applied. */
    <T> Result<T> post(String path, Object body, Class<T> type, RequestOptions options) {
        return expect(engine.execute(new CallEngine.Spec("POST", path, jsonBody(body), "application/json", options, false,
                Repeat.ONLY_WHEN_NOT_APPLIED)), type);
    }

    /** A POST whose body is built afresh for each attempt (signed with a new nonce), then read as the membership envelope. */
    <T> Result<T> postEnvelope(String path, Supplier<String> body, Class<T> type, RequestOptions options) {
        return envelope(engine.execute(new CallEngine.Spec("POST", path, body, "application/json", options, false,
                Repeat.ANY_FAILURE)), type);
    }

    <T> Result<T> getEnvelope(String path, Class<T> type, RequestOptions options) {
        return envelope(engine.execute(new CallEngine.Spec("GET", path, null, null, options, false, Repeat.ANY_FAILURE)), type);
    }

    Clock clock() {
        return engine.clock();
    }

    RandomGenerator random() {
        return engine.random();
    }

    String newKey() {
        return engine.newKey();
    }

    static String segment(String value) {
        return URLEncoder.encode(Objects.requireNonNull(value, "path segment"), StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static Supplier<String> jsonBody(Object body) {
        if (body == null) {
            return null;
        }
        String text = JSON.writeValueAsString(body);
        return () -> text;
    }

    private <T> Result<T> expect(CallEngine.Outcome outcome, Class<T> type) {
        HttpAnswer answer = outcome.answer();
        if (answer.statusCode() / 100 != 2) {
            throw ApiException.of(problem(answer), outcome.idempotencyKey(), outcome.attempts());
        }
        T value = type == Void.class || answer.body().isEmpty() ? null : JSON.readValue(answer.body(), type);
        return new Result<>(value, answer.statusCode(), answer.replayed(), outcome.idempotencyKey(), outcome.attempts());
    }

    private <T> Result<T> envelope(CallEngine.Outcome outcome, Class<T> type) {
        HttpAnswer answer = outcome.answer();
        JsonNode envelope = readOrMissing(answer.body());
        int code = envelope.path("code").asInt(-1);
        if (code != 0) {
            throw new MembershipException(code, answer.statusCode(), envelope.path("message").asString(answer.body()), outcome.attempts());
        }
        T value = JSON.treeToValue(envelope.get("data"), type);
        return new Result<>(value, answer.statusCode(), answer.replayed(), null, outcome.attempts());
    }

    private ApiException.Problem problem(HttpAnswer answer) {
        JsonNode body = readOrMissing(answer.body());
        String code = body.path("code").isString() ? body.path("code").asString() : "http_" + answer.statusCode();
        return new ApiException.Problem(answer.statusCode(), code, body.path("title").asString(null),
                body.path("detail").asString(null), answer.body(), RetryAfter.parse(answer.header("Retry-After"), clock().instant()));
    }

    private static JsonNode readOrMissing(String body) {
        try {
            return body == null || body.isEmpty() ? JSON.missingNode() : JSON.readTree(body);
        } catch (RuntimeException notJson) {
            return JSON.missingNode();
        }
    }

    /** Settings of a client; only the base URL is required. */
    public static final class Builder {
        private URI baseUrl;
        private String bearer;
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration requestTimeout = Duration.ofSeconds(30);
        private RetryPolicy retryPolicy = RetryPolicy.defaults();
        private Clock clock = Clock.systemUTC();
        private RandomGenerator random = new SecureRandom();
        private Sleeper sleeper = Sleeper.THREAD;
        private HttpTransport transport;

        private Builder() {
        }

        public Builder baseUrl(String url) {
            return baseUrl(URI.create(url));
        }

        public Builder baseUrl(URI url) {
            this.baseUrl = url;
            return this;
        }

        /** The operator's root credential ({@code PAYONCE_ADMIN_TOKEN}). */
        public Builder adminToken(String token) {
            return bearer(token);
        }

        /** A merchant's API key ({@code pk_...}), limited to its scopes. */
        public Builder apiKey(String key) {
            return bearer(key);
        }

        /** A buyer session's token ({@code bs_...}, from {@link Orders#openBuyerSession()}). */
        public Builder buyerToken(String token) {
            return bearer(token);
        }

        private Builder bearer(String token) {
            this.bearer = token;
            return this;
        }

        /** How long opening a connection may take (default 5 s). */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = timeout;
            return this;
        }

        /** How long one attempt may wait for its answer (default 30 s); past it the attempt is retried under the same key. */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = timeout;
            return this;
        }

        /** Default {@link RetryPolicy#defaults()}; {@link RetryPolicy#none()} for load measurement. */
        public Builder retryPolicy(RetryPolicy policy) {
            this.retryPolicy = policy;
            return this;
        }

        /** The clock for elapsed time, Retry-After dates and membership timestamps. */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** The source of jitter, Idempotency-Keys and nonces (default a SecureRandom). */
        public Builder random(RandomGenerator random) {
            this.random = random;
            return this;
        }

        /** How the client waits between attempts (tests record instead of sleeping). */
        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = sleeper;
            return this;
        }

        /** Another transport (default the JDK's HttpClient); the client then does not close it. */
        public Builder transport(HttpTransport transport) {
            this.transport = transport;
            return this;
        }

        public PayonceClient build() {
            Objects.requireNonNull(baseUrl, "baseUrl");
            if (requestTimeout.isNegative() || requestTimeout.isZero()) {
                throw new IllegalArgumentException("requestTimeout must be positive");
            }
            String base = baseUrl.toString().endsWith("/") ? baseUrl.toString().substring(0, baseUrl.toString().length() - 1) : baseUrl.toString();
            HttpTransport wire = transport != null ? transport : HttpTransport.jdk(connectTimeout);
            CallEngine engine = new CallEngine(URI.create(base), bearer, wire, requestTimeout, retryPolicy, clock, random, sleeper, JSON);
            return new PayonceClient(engine, transport == null);
        }
    }
}
