package io.payonce.client.http;

import java.net.http.HttpHeaders;

/**
 * One HTTP answer: status, headers and body text. Its accessors read like the JDK's
 * {@code HttpResponse<String>} ({@code statusCode()}, {@code headers().firstValue(...)}, {@code body()}).
 */
public record HttpAnswer(int statusCode, HttpHeaders headers, String body) {

    /** The first value of a header (any case), or null. */
    public String header(String name) {
        return headers.firstValue(name).orElse(null);
    }

    /** True when payonce answered a stored response again ({@code Idempotent-Replayed: true}). */
    public boolean replayed() {
        return "true".equalsIgnoreCase(header("Idempotent-Replayed"));
    }
}
