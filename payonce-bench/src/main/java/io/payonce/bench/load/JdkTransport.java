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

/** The JDK's HttpClient on HTTP/1.1: connections opened on demand, kept alive and reused. */
final class JdkTransport implements Transport {

    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final HttpClient client;
    private final Duration timeout;

    JdkTransport(Duration timeout) {
        this.timeout = timeout;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(executor)
                .build();
    }

    @Override
    public Response send(URI uri, Call call) throws IOException, InterruptedException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(timeout);
        call.headers().forEach(builder::header);
        if (call.body() == null) {
            builder.method(call.method(), HttpRequest.BodyPublishers.noBody());
        } else {
            builder.header("Content-Type", call.contentType());
            builder.method(call.method(), HttpRequest.BodyPublishers.ofString(call.body()));
        }
        try {
            HttpResponse<String> response = client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            boolean replayed = response.headers().firstValue("Idempotent-Replayed").map("true"::equalsIgnoreCase).orElse(false);
            return new Response(response.statusCode(), response.body(), replayed);
        } catch (HttpConnectTimeoutException e) {
            throw new ConnectException("connect timeout");
        } catch (HttpTimeoutException e) {
            throw new TimedOut(e.getMessage());
        }
    }

    @Override
    public void close() {
        client.close();
        executor.close();
    }
}
