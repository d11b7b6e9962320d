package io.payonce.bench.load;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.payonce.bench.load.Reply.Outcome;
import io.payonce.bench.results.Results;
import tools.jackson.databind.JsonNode;

/**
 * The harness's HTTP client: the JDK's, on HTTP/1.1 with keep-alive, so connections are opened
 * once and reused (the pool grows to the peak concurrency and no further). Every call of a
 * measured iteration is timed and classified into {@link Results}; set-up calls are not.
 */
public final class BenchHttp implements AutoCloseable {

    private static final int CAUSE_TEXT_MAX = 40;

    private final HttpClient client;
    private final ExecutorService executor;
    private final URI base;
    private final Duration timeout;
    private final Results results;

    public BenchHttp(URI base, Duration timeout, Results results) {
        this.executor = Executors.newVirtualThreadPerTaskExecutor();
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(executor)
                .build();
        this.base = base;
        this.timeout = timeout;
        this.results = results;
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
            HttpResponse<String> response = client.send(request(call), HttpResponse.BodyHandlers.ofString());
            return classify(call, response.statusCode(), response.body(), response);
        } catch (HttpConnectTimeoutException | ConnectException e) {
            return failure(call, "connect_error");
        } catch (HttpTimeoutException e) {
            return failure(call, "timeout");
        } catch (IOException e) {
            return failure(call, "io_error " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failure(call, "interrupted");
        }
    }

    private HttpRequest request(Call call) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(call.path())).timeout(timeout);
        call.headers().forEach(builder::header);
        if (call.body() == null) {
            builder.method(call.method(), HttpRequest.BodyPublishers.noBody());
        } else {
            builder.header("Content-Type", call.contentType());
            builder.method(call.method(), HttpRequest.BodyPublishers.ofString(call.body()));
        }
        return builder.build();
    }

    private static Reply failure(Call call, String cause) {
        Outcome outcome = call.expected().contains(cause) ? Outcome.EXPECTED : Outcome.ERROR;
        return new Reply(0, null, null, outcome, cause);
    }

    static Reply classify(Call call, int status, String body, HttpResponse<?> response) {
        Reply raw = new Reply(status, body, response == null ? null : response.headers(), Outcome.OK, "");
        String code = codeOf(call, raw);
        String cause = code == null ? Integer.toString(status) : status + (call.signedEnvelope() ? " code=" : " ") + code;
        boolean success = status / 100 == 2 && (!call.signedEnvelope() || "0".equals(code));
        Outcome outcome = success ? Outcome.OK
                : call.expected().contains(cause) || call.expected().contains(Integer.toString(status)) ? Outcome.EXPECTED
                : Outcome.ERROR;
        return new Reply(status, body, raw.headers(), outcome, success && !call.signedEnvelope() ? Integer.toString(status) : cause);
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
        client.close();
        executor.close();
    }
}
