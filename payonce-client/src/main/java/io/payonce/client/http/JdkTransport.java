package io.payonce.client.http;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** The JDK's HttpClient on HTTP/1.1: connections opened on demand, kept alive and reused. */
public final class JdkTransport implements HttpTransport {

    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final HttpClient client;

    JdkTransport(Duration connectTimeout) {
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(executor)
                .build();
    }

    @Override
    public HttpAnswer send(HttpCall call) throws IOException, InterruptedException {
        // The filter admits every header name: a test must be able to send what a browser would not.
        HttpRequest.Builder builder = HttpRequest.newBuilder(call.uri()).timeout(call.timeout());
        call.headers().forEach(header -> builder.header(header.getKey(), header.getValue()));
        builder.method(call.method(), call.body() == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(call.body()));
        try {
            HttpResponse<String> response = client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            return new HttpAnswer(response.statusCode(), response.headers(), response.body());
        } catch (HttpConnectTimeoutException e) {
            throw new ConnectException("connect timeout: " + e.getMessage());
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
