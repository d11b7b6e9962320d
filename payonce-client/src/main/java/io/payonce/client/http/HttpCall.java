package io.payonce.client.http;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

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
}
