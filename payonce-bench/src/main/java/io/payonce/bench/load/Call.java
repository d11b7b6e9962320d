package io.payonce.bench.load;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * One HTTP request a scenario makes, with what it expects back. {@code op} names the operation
 * in the results ("create_order", "renew"); {@code expected} lists the answers that are a
 * legitimate business outcome rather than an error ("409 sold_out" in a flash sale), written as
 * "STATUS CODE" or "STATUS" for any code.
 */
public record Call(String op, String method, String path, String body, String contentType,
                   Map<String, String> headers, Set<String> expected, boolean signedEnvelope) {

    public static Call get(String op, String path) {
        return new Call(op, "GET", path, null, null, Map.of(), Set.of(), false);
    }

    public static Call postJson(String op, String path, String json) {
        return new Call(op, "POST", path, json, "application/json", Map.of(), Set.of(), false);
    }

    public static Call postForm(String op, String path, String form) {
        return new Call(op, "POST", path, form, "application/x-www-form-urlencoded", Map.of(), Set.of(), false);
    }

    public Call header(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new Call(op, method, path, body, contentType, Map.copyOf(copy), expected, signedEnvelope);
    }

    public Call idempotencyKey(String key) {
        return header("Idempotency-Key", key);
    }

    /** Answers that are business outcomes, not errors: "409 sold_out", "402". */
    public Call expecting(String... outcomes) {
        return new Call(op, method, path, body, contentType, headers, Set.of(outcomes), signedEnvelope);
    }

    /** The membership API: success needs HTTP 2xx and envelope {@code code: 0}. */
    public Call asEnvelope() {
        return new Call(op, method, path, body, contentType, headers, expected, true);
    }
}
