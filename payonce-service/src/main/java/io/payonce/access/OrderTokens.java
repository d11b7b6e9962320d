package io.payonce.access;

import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

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
     * Stores the hash of the token of an order this caller is creating, in the order's own
     * transaction, so an order never exists without its token. The order is new in that
     * transaction, so a second token for it would break the primary key: a bug, never a retry.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void issue(Caller caller, String orderId) {
        jdbc.sql("INSERT INTO order_tokens (order_id, token_hash) VALUES (:orderId, :hash)")
                .param("orderId", orderId).param("hash", Secrets.sha256(tokenOf(caller, orderId))).update();
    }

    /**
     * The token of an order this caller created, derived again from its own credential: how the
     * create answer carries it, first time and replay alike, without the stored answer holding it.
     */
    public String tokenOf(Caller caller, String orderId) {
        if (caller.tokenSeed() == null) {
            throw new IllegalStateException("An order was created by a caller that cannot hold an order token: " + caller.owner());
        }
        return caller.tokenSeed().orderToken(orderId);
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
