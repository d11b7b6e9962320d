package io.payonce.idempotency;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.TreeMap;

import io.payonce.common.Refusal;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Validation of the Idempotency-Key header and the request fingerprint it is bound to. */
public final class IdempotencyKeys {

    /** Stripe's limit; long enough for a UUID plus a client prefix, short enough to index. */
    public static final int KEY_LENGTH_MAX = 255;

    private static final JsonMapper CANONICAL = JsonMapper.builder().build();

    private IdempotencyKeys() {
    }

    /** Returns the key, or throws the contract's 400 for a missing or malformed one. */
    public static String requireValid(String key) {
        if (key == null || key.isEmpty()) {
            throw new Refusal(Refusal.Reason.IDEMPOTENCY_KEY_MISSING, "Send an Idempotency-Key header (1 to 255 printable ASCII characters)");
        }
        if (key.length() > KEY_LENGTH_MAX || !key.chars().allMatch(c -> c >= 0x20 && c <= 0x7e)) {
            throw new Refusal(Refusal.Reason.IDEMPOTENCY_KEY_INVALID, "Idempotency-Key must be 1 to 255 printable ASCII characters");
        }
        return key;
    }

    /**
     * SHA-256 of method, path and the canonical body (JSON with object keys sorted and
     * insignificant whitespace dropped), so a retry that merely reorders fields still matches.
     */
    public static byte[] fingerprint(String method, String path, byte[] body) {
        MessageDigest sha256 = sha256();
        sha256.update((method + "\n" + path + "\n").getBytes(StandardCharsets.UTF_8));
        sha256.update(canonical(body));
        return sha256.digest();
    }

    private static byte[] canonical(byte[] body) {
        if (body == null || body.length == 0) {
            return new byte[0];
        }
        try {
            JsonNode tree = CANONICAL.readTree(body);
            return CANONICAL.writeValueAsBytes(sorted(tree));
        } catch (JacksonException e) {
            // Not JSON: the request will be refused before anything is stored; bytes as sent.
            return body;
        }
    }

    private static Object sorted(JsonNode node) {
        if (node.isObject()) {
            Map<String, Object> map = new TreeMap<>();
            node.properties().forEach(entry -> map.put(entry.getKey(), sorted(entry.getValue())));
            return map;
        }
        if (node.isArray()) {
            return node.valueStream().map(IdempotencyKeys::sorted).toList();
        }
        return node;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JDK", e);
        }
    }
}
