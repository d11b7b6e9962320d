package io.payonce.access;

import java.security.MessageDigest;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The secret that lets a buyer without an account read, pay and cancel the one order it created.
 * It is derived from the creating caller's own secret ({@link TokenSeed}), so a replay of the
 * create-order request gives the same caller the same token, and it is stored only as a hash.
 */
@Service
public class OrderTokens {

    private final JdbcClient jdbc;

    OrderTokens(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The token of an order this caller has just created, or created earlier under the same
     * Idempotency-Key (a replay). Its hash is stored the first time; a replay finds it there, which
     * also repairs an order whose first answer was lost before the hash was written.
     */
    public String issue(Caller caller, String orderId) {
        if (caller.tokenSeed() == null) {
            throw new IllegalStateException("An order was created by a caller that cannot hold an order token: " + caller.owner());
        }
        String token = caller.tokenSeed().orderToken(orderId);
        byte[] hash = Secrets.sha256(token);
        int inserted = jdbc.sql("INSERT INTO order_tokens (order_id, token_hash) VALUES (:orderId, :hash) ON CONFLICT (order_id) DO NOTHING")
                .param("orderId", orderId).param("hash", hash).update();
        if (inserted == 0 && !MessageDigest.isEqual(storedHash(orderId).orElseThrow(), hash)) {
            // Only the caller that created an order ever sees its id in a create answer (keys are
            // scoped to the caller), so another caller's token here is a broken invariant.
            throw new IllegalStateException("Order " + orderId + " already has the token of another caller");
        }
        return token;
    }

    /** Whether {@code presented} is the order's token; false for an unknown order or a malformed token. */
    public boolean matches(String orderId, String presented) {
        if (presented == null || presented.length() > Secrets.TOKEN_CHARS_MAX || !presented.startsWith(TokenSeed.ORDER_TOKEN_PREFIX)) {
            return false;
        }
        return storedHash(orderId).map(hash -> Secrets.matches(presented, hash)).orElse(false);
    }

    private Optional<byte[]> storedHash(String orderId) {
        return jdbc.sql("SELECT token_hash FROM order_tokens WHERE order_id = :orderId")
                .param("orderId", orderId).query((rs, row) -> rs.getBytes(1)).optional();
    }
}
