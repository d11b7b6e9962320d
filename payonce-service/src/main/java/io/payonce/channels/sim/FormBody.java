package io.payonce.channels.sim;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** An {@code application/x-www-form-urlencoded} body read as fields, each sent once. */
final class FormBody {

    /** More fields than any real notification carries; a bound on the work a forged request can cause. */
    private static final int FIELDS_MAX = 64;

    private FormBody() {
    }

    /** The fields, or empty when the body is empty, too long, malformed or sends a field twice (which value was signed?). */
    static Optional<Map<String, String>> singleValued(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        if (text.isBlank()) {
            return Optional.empty();
        }
        String[] pairs = text.split("&", FIELDS_MAX + 2);
        if (pairs.length > FIELDS_MAX) {
            return Optional.empty();
        }
        Map<String, String> fields = new HashMap<>();
        try {
            for (String pair : pairs) {
                int eq = pair.indexOf('=');
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                if (name.isEmpty() || fields.putIfAbsent(name, value) != null) {
                    return Optional.empty();
                }
            }
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return Optional.of(fields);
    }
}
