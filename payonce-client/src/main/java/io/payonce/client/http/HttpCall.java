package io.payonce.client.http;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

/**
 * One request exactly as it goes on the wire: method, absolute URI, headers in order (a name may
 * repeat), body bytes (null for none) and the time the whole exchange may take.
 */
public record HttpCall(String method, URI uri, List<Map.Entry<String, String>> headers, byte[] body, Duration timeout) {

    public HttpCall {
        headers = List.copyOf(headers);
    }

    /** A call with a UTF-8 text body (null for none). */
    public static HttpCall of(String method, URI uri, List<Map.Entry<String, String>> headers, String body, Duration timeout) {
        return new HttpCall(method, uri, headers, body == null ? null : body.getBytes(StandardCharsets.UTF_8), timeout);
    }

    /** The first value of a header, ignoring case, or null. */
    public String header(String name) {
        return headers.stream().filter(h -> h.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue).findFirst().orElse(null);
    }

    /** A JDK request as a call (its body read out of its publisher), for code that builds {@link HttpRequest}s. */
    public static HttpCall of(HttpRequest request, Duration defaultTimeout) {
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        request.headers().map().forEach((name, values) -> values.forEach(value -> headers.add(Map.entry(name, value))));
        byte[] body = request.bodyPublisher().map(HttpCall::drain).orElse(null);
        return new HttpCall(request.method(), request.uri(), headers, body, request.timeout().orElse(defaultTimeout));
    }

    private static byte[] drain(HttpRequest.BodyPublisher publisher) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CompletableFuture<byte[]> done = new CompletableFuture<>();
        publisher.subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(ByteBuffer item) {
                byte[] chunk = new byte[item.remaining()];
                item.get(chunk);
                bytes.writeBytes(chunk);
            }

            @Override
            public void onError(Throwable failure) {
                done.completeExceptionally(failure);
            }

            @Override
            public void onComplete() {
                done.complete(bytes.toByteArray());
            }
        });
        return done.join();
    }
}
