package io.payonce.webhooks;

import java.io.ByteArrayOutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.springframework.stereotype.Component;

/**
 * One POST of an event to an endpoint, as a receiver sees it: the event's body, signed, with its
 * id in a header. Redirects are never followed (a 3xx is a failed attempt: a receiver cannot
 * steer payonce elsewhere), the connection and the whole answer have short timeouts, and only the
 * first {@value #BODY_KEPT_BYTES} bytes of the answer are kept.
 */
@Component
class WebhookSender {

    static final String EVENT_ID_HEADER = "Payonce-Event-Id";
    static final String EVENT_TYPE_HEADER = "Payonce-Event-Type";
    /** Enough to read a receiver's error message; the rest is read and dropped. */
    static final int BODY_KEPT_BYTES = 1024;
    private static final int ERROR_LENGTH_MAX = 500;

    /** What came of an attempt: the receiver's status and the start of its body, or the error that stopped it. */
    record Result(Integer statusCode, String error, String responseBody, long durationMs) {
        boolean delivered() {
            return statusCode != null && statusCode >= 200 && statusCode < 300;
        }
    }

    private final HttpClient client;
    private final Duration requestTimeout;
    private final boolean privateAddressesAllowed;

    WebhookSender(WebhookSettings settings) {
        this.client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(settings.properties().connectTimeout())
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        this.requestTimeout = settings.properties().requestTimeout();
        this.privateAddressesAllowed = settings.privateAddressesAllowed();
    }

    Result send(String url, String eventId, String eventType, String body, String signature) {
        long started = System.nanoTime();
        CompletableFuture<HttpResponse<byte[]>> answer = null;
        try {
            URI uri = URI.create(url);
            if (!privateAddressesAllowed) {
                requirePublic(uri.getHost());
            }
            HttpRequest request = HttpRequest.newBuilder(uri)
                    .timeout(requestTimeout)
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "payonce-webhooks/1")
                    .header(EVENT_ID_HEADER, eventId)
                    .header(EVENT_TYPE_HEADER, eventType)
                    .header(WebhookSignature.HEADER, signature)
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                    .build();
            answer = client.sendAsync(request, info -> new FirstBytes());
            // The request timeout covers the head only; this bounds the whole answer, body included.
            HttpResponse<byte[]> response = answer.get(requestTimeout.toMillis(), TimeUnit.MILLISECONDS);
            return new Result(response.statusCode(), null, text(response.body()), millisSince(started));
        } catch (ExecutionException e) {
            return failed(e.getCause() == null ? e : e.getCause(), started);
        } catch (TimeoutException e) {
            answer.cancel(true);
            return new Result(null, "timed out after " + requestTimeout.toMillis() + " ms", null, millisSince(started));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(null, "interrupted", null, millisSince(started));
        } catch (RuntimeException e) {
            return failed(e, started);
        }
    }

    private static void requirePublic(String host) {
        try {
            for (InetAddress address : InetAddress.getAllByName(host)) {
                if (WebhookUrls.isPrivate(address)) {
                    throw new UnknownHostRefusal("the host resolves to a private address now; not sent");
                }
            }
        } catch (java.net.UnknownHostException e) {
            throw new UnknownHostRefusal("the host does not resolve");
        }
    }

    /** A refusal to connect that is ours, not the network's. */
    private static final class UnknownHostRefusal extends RuntimeException {
        UnknownHostRefusal(String message) {
            super(message, null, false, false);
        }
    }

    private static Result failed(Throwable cause, long started) {
        String error = switch (cause) {
            case HttpConnectTimeoutException timeout -> "connect timed out";
            case HttpTimeoutException timeout -> "timed out";
            case ConnectException refused -> "connection refused";
            case UnknownHostRefusal refusal -> refusal.getMessage();
            default -> cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
        };
        return new Result(null, cut(error, ERROR_LENGTH_MAX), null, millisSince(started));
    }

    /** The kept bytes as text a database column can hold: invalid UTF-8 replaced, NULs dropped. */
    private static String text(byte[] bytes) {
        return bytes.length == 0 ? null : new String(bytes, StandardCharsets.UTF_8).replace("\0", "");
    }

    static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }

    private static long millisSince(long started) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    }

    /** Keeps the first bytes of a body and reads the rest into nothing, so an endless answer costs no memory. */
    private static final class FirstBytes implements HttpResponse.BodySubscriber<byte[]> {
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        private final CompletableFuture<byte[]> done = new CompletableFuture<>();

        @Override
        public CompletionStage<byte[]> getBody() {
            return done;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            for (ByteBuffer buffer : buffers) {
                int room = BODY_KEPT_BYTES - kept.size();
                if (room > 0) {
                    byte[] bytes = new byte[Math.min(room, buffer.remaining())];
                    buffer.get(bytes);
                    kept.write(bytes, 0, bytes.length);
                }
            }
        }

        @Override
        public void onError(Throwable error) {
            done.completeExceptionally(error);
        }

        @Override
        public void onComplete() {
            done.complete(kept.toByteArray());
        }
    }
}
