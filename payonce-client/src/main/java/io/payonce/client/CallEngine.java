package io.payonce.client;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

import io.payonce.client.http.HttpAnswer;
import io.payonce.client.http.HttpCall;
import io.payonce.client.http.HttpTransport;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs one logical call: the same Idempotency-Key on every attempt, a retry only where a repeat
 * cannot do anything twice, waits from the {@link RetryPolicy}. Never retries a 4xx other than
 * {@code 409 idempotency_key_in_use} and 429.
 */
final class CallEngine {

    /** 128 random bits: a key nobody else's call can collide with. */
    private static final int KEY_BYTES = 16;

    /** How a call may be repeated after a failure whose effect is unknown. */
    enum Repeat {
        /** A read, a delete, a keyed POST or a freshly signed one: repeating it never applies it twice. */
        ANY_FAILURE,
        /** Anything else: repeated only when the server surely did not apply it (no connection, 429, 503). */
        ONLY_WHEN_NOT_APPLIED
    }

    /** A logical call. {@code body} is asked again for each attempt (a signed call signs afresh). */
    record Spec(String method, String path, Supplier<String> body, String contentType, RequestOptions options, boolean keyed,
                Repeat repeat) {
    }

    /** The final answer of a call, with the key it used and its attempts. */
    record Outcome(HttpAnswer answer, String idempotencyKey, int attempts) {
    }

    private final URI base;
    private final String bearer;
    private final HttpTransport transport;
    private final Duration requestTimeout;
    private final RetryPolicy retryPolicy;
    private final Clock clock;
    private final RandomGenerator random;
    private final Sleeper sleeper;
    private final JsonMapper json;

    CallEngine(URI base, String bearer, HttpTransport transport, Duration requestTimeout, RetryPolicy retryPolicy, Clock clock,
               RandomGenerator random, Sleeper sleeper, JsonMapper json) {
        this.base = base;
        this.bearer = bearer;
        this.transport = transport;
        this.requestTimeout = requestTimeout;
        this.retryPolicy = retryPolicy;
        this.clock = clock;
        this.random = random;
        this.sleeper = sleeper;
        this.json = json;
    }

    CallEngine withBearer(String other) {
        return new CallEngine(base, other, transport, requestTimeout, retryPolicy, clock, random, sleeper, json);
    }

    URI base() {
        return base;
    }

    Clock clock() {
        return clock;
    }

    RandomGenerator random() {
        return random;
    }

    HttpTransport transport() {
        return transport;
    }

    String newKey() {
        byte[] bytes = new byte[KEY_BYTES];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    Outcome execute(Spec spec) {
        String key = spec.keyed() ? Optional.ofNullable(spec.options().idempotencyKey()).orElseGet(this::newKey) : null;
        Instant start = clock.instant();
        for (int attempt = 1; ; attempt++) {
            HttpCall call = call(spec, key);
            Duration retryAfter;
            try {
                HttpAnswer answer = transport.send(call);
                if (!retryable(answer)) {
                    return new Outcome(answer, key, attempt);
                }
                retryAfter = RetryAfter.parse(answer.header("Retry-After"), clock.instant());
                if (!waitBefore(attempt + 1, retryAfter, start)) {
                    return new Outcome(answer, key, attempt);
                }
            } catch (ConnectException e) {
                failOrWait(e, false, attempt, start, key, true);
            } catch (IOException e) {
                failOrWait(e, true, attempt, start, key, spec.repeat() == Repeat.ANY_FAILURE);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ConnectionFailed("interrupted", e, true, key, attempt);
            }
        }
    }

    private void failOrWait(IOException failure, boolean mayHaveBeenApplied, int attempt, Instant start, String key, boolean repeatable) {
        if (!repeatable || !waitBefore(attempt + 1, null, start)) {
            String what = failure instanceof HttpTransport.TimedOut ? "no answer in time" : "no answer";
            throw new ConnectionFailed(what + " after " + attempt + " attempt(s): " + failure, failure, mayHaveBeenApplied, key, attempt);
        }
    }

    /** Waits before the next attempt and returns true, or returns false when the policy says stop. */
    private boolean waitBefore(int nextAttempt, Duration retryAfter, Instant start) {
        Duration elapsed = Duration.between(start, clock.instant());
        Optional<Duration> delay = retryPolicy.delayBefore(nextAttempt, retryAfter, elapsed, random);
        if (delay.isEmpty()) {
            return false;
        }
        try {
            sleeper.sleep(delay.get());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** 429 and 503 always, 409 only for a request still running under the same key. */
    private boolean retryable(HttpAnswer answer) {
        return switch (answer.statusCode()) {
            case 429, 503 -> true;
            case 409 -> "idempotency_key_in_use".equals(problemCode(answer.body()));
            default -> false;
        };
    }

    String problemCode(String body) {
        try {
            JsonNode code = json.readTree(body).path("code");
            return code.isString() ? code.asString() : null;
        } catch (RuntimeException notJson) {
            return null;
        }
    }

    private HttpCall call(Spec spec, String key) {
        List<Map.Entry<String, String>> headers = new ArrayList<>(4);
        headers.add(Map.entry("Accept", "application/json, application/problem+json"));
        String credential = spec.options().bearer() != null ? spec.options().bearer() : bearer;
        if (credential != null) {
            headers.add(Map.entry("Authorization", "Bearer " + credential));
        }
        if (spec.options().orderToken() != null) {
            headers.add(Map.entry("X-Order-Token", spec.options().orderToken()));
        }
        if (key != null) {
            headers.add(Map.entry("Idempotency-Key", key));
        }
        String body = spec.body() == null ? null : spec.body().get();
        if (body != null) {
            headers.add(Map.entry("Content-Type", spec.contentType()));
        }
        return HttpCall.of(spec.method(), URI.create(base + spec.path()), headers, body, requestTimeout);
    }
}
