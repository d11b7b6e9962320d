package io.payonce.channels.alipay;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Alipay's notification body, {@code application/x-www-form-urlencoded} in UTF-8, read as fields each sent once. */
final class AlipayForm {

    /** A real notification carries about 30 fields; 64 bounds the work a forged request can cause. */
    static final int FIELDS_MAX = 64;
    /** A real notification is under 4 KiB; the callback endpoint's body limit is larger and applies first. */
    static final int BODY_BYTES_MAX = 16 * 1024;

    private AlipayForm() {
    }

    /** The fields; empty when the body is empty, too big, malformed, or sends a field twice (which copy was signed?). */
    static Optional<Map<String, String>> fields(byte[] body) {
        if (body.length == 0 || body.length > BODY_BYTES_MAX) {
            return Optional.empty();
        }
        String[] pairs = new String(body, StandardCharsets.UTF_8).strip().split("&", FIELDS_MAX + 1);
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
