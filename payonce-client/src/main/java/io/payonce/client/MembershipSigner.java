package io.payonce.client;

import java.security.PrivateKey;
import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.random.RandomGenerator;

import io.payonce.signing.CanonicalString;
import io.payonce.signing.RsaSignatures;

/**
 * Signs a createOrRenewMember request as a calling system does (docs/membership.md): a fresh
 * nonce and the clock's epoch milliseconds, then SHA256withRSA over the canonical string of every
 * other non-empty field, with the same {@link CanonicalString} rule the service verifies with.
 */
public final class MembershipSigner {

    /** 16 random bytes, 32 hex characters: inside the API's 8 to 64, and never repeated in practice. */
    private static final int NONCE_BYTES = 16;

    private final String systemId;
    private final PrivateKey privateKey;
    private final Clock clock;
    private final RandomGenerator random;

    public MembershipSigner(String systemId, PrivateKey privateKey, Clock clock, RandomGenerator random) {
        this.systemId = systemId;
        this.privateKey = privateKey;
        this.clock = clock;
        this.random = random;
    }

    public String systemId() {
        return systemId;
    }

    /** The seven fields of a signed request, in the documented order. */
    public Map<String, Object> sign(String orderNo, String userId, long days) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("systemId", systemId);
        fields.put("orderNo", orderNo);
        fields.put("userId", userId);
        fields.put("days", days);
        fields.put("timestamp", clock.millis());
        fields.put("nonce", HexFormat.of().formatHex(nonce));
        fields.put("sign", RsaSignatures.sign(canonical(fields), privateKey));
        return fields;
    }

    /** The canonical string of fields as they are sent: each value as its JSON text ("30" for 30). */
    public static String canonical(Map<String, Object> fields) {
        Map<String, String> text = new LinkedHashMap<>();
        fields.forEach((name, value) -> text.put(name, value == null ? null : value.toString()));
        return CanonicalString.MEMBERSHIP.of(text);
    }
}
