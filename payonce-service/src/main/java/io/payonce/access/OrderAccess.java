package io.payonce.access;

import java.util.Optional;

import org.springframework.stereotype.Service;

/**
 * Who may touch one order: an API key with the scope (or the admin token), or whoever holds the
 * order's token. Everyone else is told the order does not exist, so ids reveal nothing.
 */
@Service
public class OrderAccess {

    private final OrderTokens tokens;

    OrderAccess(OrderTokens tokens) {
        this.tokens = tokens;
    }

    /**
     * The owner of the request's Idempotency-Keys when it is allowed, empty when it is not. An
     * order token's holder is the order's buyer, so its keys live in the order's own namespace.
     */
    public Optional<String> authorize(Caller caller, String orderId, String orderToken, Scope scope) {
        if (caller.has(scope)) {
            return Optional.of(caller.owner());
        }
        if (orderToken != null && tokens.matches(orderId, orderToken)) {
            return Optional.of("order:" + orderId);
        }
        return Optional.empty();
    }
}
