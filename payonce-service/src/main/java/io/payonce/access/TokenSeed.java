package io.payonce.access;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Derives the order tokens of one caller from the secret it presented: HMAC-SHA256(secret,
 * orderId). The same caller replaying its create-order request gets the same token back, without
 * payonce ever storing a token in clear (only its hash, in order_tokens); another caller cannot
 * compute it.
 */
public final class TokenSeed {

    static final String ORDER_TOKEN_PREFIX = "ot_";
    private final byte[] secret;

    TokenSeed(String presentedSecret) {
        this.secret = presentedSecret.getBytes(StandardCharsets.UTF_8);
    }

    /** {@code ot_} and 256 bits, Base64url. */
    String orderToken(String orderId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            byte[] digest = mac.doFinal(("payonce order token\n" + orderId).getBytes(StandardCharsets.UTF_8));
            return ORDER_TOKEN_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Every JDK has HmacSHA256", e);
        }
    }

    @Override
    public String toString() {
        return "TokenSeed[<redacted>]";
    }
}
