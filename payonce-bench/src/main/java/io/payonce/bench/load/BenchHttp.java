package io.payonce.bench.load;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.payonce.bench.load.Reply.Outcome;
import io.payonce.bench.results.Results;
import io.payonce.client.PayonceClient;
import io.payonce.client.RetryPolicy;
import io.payonce.client.http.HttpAnswer;
import io.payonce.client.http.HttpCall;
import io.payonce.client.http.HttpTransport;
import tools.jackson.databind.JsonNode;

/**
 * The harness's HTTP side, on payonce-client: sends a scenario's calls (HTTP/1.1, keep-alive,
 * pooled connections), times every call of a measured iteration and classifies it into
 * {@link Results}; set-up calls are not recorded. Each call is exactly one request: the client
 * is built with {@link RetryPolicy#none()} and the calls go through {@link PayonceClient#sendRaw},
 * which never retries, so no hidden retry can flatter the open model's figures; a scenario that
 * retries (duplicate-storm) does it itself, and each of its requests is counted.
 */
public final class BenchHttp implements AutoCloseable {

    private static final int CAUSE_TEXT_MAX = 40;

    private final HttpTransport transport;
    private final PayonceClient client;
    private final URI base;
    private final Duration timeout;
    private final Results results;

    public BenchHttp(URI base, Duration timeout, Results results) {
        this(base, Transport.create(Transport.Kind.APACHE, timeout, 4096), timeout, results);
    }

    public BenchHttp(URI base, HttpTransport transport, Duration timeout, Results results) {
        this.transport = transport;
        this.client = PayonceClient.builder().baseUrl(base).transport(transport).retryPolicy(RetryPolicy.none())
                .requestTimeout(timeout).build();
        this.base = base;
        this.timeout = timeout;
        this.results = results;
    }

    /** The typed client on the harness's connections, without retries, for set-up and audit steps. */
    public PayonceClient client() {
        return client;
    }

    public URI base() {
        return base;
    }

    /** Sends a call of an iteration: timed from the session's latency origin, classified, recorded. */
    public Reply send(Session session, Call call) {
        long sendNanos = System.nanoTime();
        long originNanos = session.latencyOrigin(sendNanos);
        Reply reply = exchange(call);
        results.countSent();
        if (session.measured()) {
            results.recordCall(call.op(), System.nanoTime() - originNanos, reply.outcome(), reply.cause());
        }
        return reply;
    }

    /** Sends a set-up or audit call: classified but not recorded. */
    public Reply sendUnrecorded(Call call) {
        return exchange(call);
    }

    private Reply exchange(Call call) {
        try {
            HttpAnswer answer = client.sendRaw(wire(call));
            return classify(call, answer.statusCode(), answer.body(), answer.replayed());
        } catch (ConnectException e) {
            return failure(call, "connect_error");
        } catch (HttpTransport.TimedOut e) {
            return failure(call, "timeout");
        } catch (IOException e) {
            return failure(call, "io_error " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failure(call, "interrupted");
        }
    }

    private HttpCall wire(Call call) {
        List<Map.Entry<String, String>> headers = new ArrayList<>(call.headers().size() + 1);
        headers.addAll(call.headers().entrySet());
        if (call.body() != null) {
            headers.add(Map.entry("Content-Type", call.contentType()));
        }
        return HttpCall.of(call.method(), base.resolve(call.path()), headers, call.body(), timeout);
    }

    private static Reply failure(Call call, String cause) {
        Outcome outcome = call.expected().contains(cause) ? Outcome.EXPECTED : Outcome.ERROR;
        return new Reply(0, null, false, outcome, cause);
    }

    static Reply classify(Call call, int status, String body, boolean replayed) {
        Reply raw = new Reply(status, body, replayed, Outcome.OK, "");
        String code = codeOf(call, raw);
        String cause = code == null ? Integer.toString(status) : status + (call.signedEnvelope() ? " code=" : " ") + code;
        boolean success = status / 100 == 2 && (!call.signedEnvelope() || "0".equals(code));
        Outcome outcome = success ? Outcome.OK
                : call.expected().contains(cause) || call.expected().contains(Integer.toString(status)) ? Outcome.EXPECTED
                : Outcome.ERROR;
        return new Reply(status, body, replayed, outcome, success && !call.signedEnvelope() ? Integer.toString(status) : cause);
    }

    /** The stable error code of an answer: problem+json {@code code}, the envelope's, or a short text body. */
    private static String codeOf(Call call, Reply reply) {
        String body = reply.body();
        if (body == null || body.isEmpty()) {
            return null;
        }
        if (body.charAt(0) != '{') {
            return reply.status() / 100 == 2 ? null : body.strip().substring(0, Math.min(CAUSE_TEXT_MAX, body.strip().length()));
        }
        if (!call.signedEnvelope() && reply.status() / 100 == 2) {
            return null;
        }
        JsonNode code = reply.json().path("code");
        return code.isMissingNode() || code.isNull() ? null : code.asString();
    }

    @Override
    public void close() {
        transport.close();
    }
}
