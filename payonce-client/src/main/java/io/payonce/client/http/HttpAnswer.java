package io.payonce.client.http;

import java.net.http.HttpHeaders;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One HTTP answer: status, headers and body text. Its accessors read like the JDK's
 * {@code HttpResponse<String>} ({@code statusCode()}, {@code headers().firstValue(...)}, {@code body()}).
 * A transport may hand over its headers lazily: the bench reads one header of each of thousands of
 * answers a second, and building the whole {@link HttpHeaders} for each would cost it CPU it takes
 * from the service it measures.
 */
public final class HttpAnswer {

    private final int statusCode;
    private final Function<String, String> firstHeader;
    private final Supplier<HttpHeaders> allHeaders;
    private final String body;
    private HttpHeaders headers;

    public HttpAnswer(int statusCode, HttpHeaders headers, String body) {
        this(statusCode, name -> headers.firstValue(name).orElse(null), () -> headers, body);
        this.headers = headers;
    }

    private HttpAnswer(int statusCode, Function<String, String> firstHeader, Supplier<HttpHeaders> allHeaders, String body) {
        this.statusCode = statusCode;
        this.firstHeader = firstHeader;
        this.allHeaders = allHeaders;
        this.body = Objects.requireNonNull(body, "body");
    }

    /** An answer whose headers are read through {@code firstHeader} (any case) and built whole only when asked for. */
    public static HttpAnswer lazy(int statusCode, Function<String, String> firstHeader, Supplier<HttpHeaders> allHeaders, String body) {
        return new HttpAnswer(statusCode, firstHeader, allHeaders, body);
    }

    public int statusCode() {
        return statusCode;
    }

    public String body() {
        return body;
    }

    /** Every header. */
    public synchronized HttpHeaders headers() {
        if (headers == null) {
            headers = allHeaders.get();
        }
        return headers;
    }

    /** The first value of a header (any case), or null. */
    public String header(String name) {
        return firstHeader.apply(name);
    }

    /** True when payonce answered a stored response again ({@code Idempotent-Replayed: true}). */
    public boolean replayed() {
        return "true".equalsIgnoreCase(header("Idempotent-Replayed"));
    }

    @Override
    public String toString() {
        return "HttpAnswer[" + statusCode + ", " + Map.of("body", body) + "]";
    }
}
