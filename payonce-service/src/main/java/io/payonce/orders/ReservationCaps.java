package io.payonce.orders;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import io.payonce.common.Refusal;
import io.payonce.products.Product;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The caps on units held by unpaid card-key orders, checked in the transaction that reserves the
 * stock. Each capped count (the holder's, its address's, the product's) is taken under a
 * transaction-scoped advisory lock on that holder, address or product, so two orders of one buyer
 * on two connections (or two instances) cannot both count "under the cap": the second waits until
 * the first commits or rolls back, then counts its order too. The counts are read from the orders
 * themselves ({@code status = PENDING_PAYMENT}), so a cancel, an expiry or a payment frees the
 * units in the very transaction that changes the order's status, with no counter to keep in step.
 *
 * <p>Lock order: the three locks are always taken holder, address, product, and only by order
 * creation, which takes no other lock before them (its order row is new); see docs/architecture.md.
 */
@Component
class ReservationCaps {

    // The status is written into the SQL, not bound, so that PostgreSQL uses the partial indexes of
    // V9 (a bound parameter cannot prove their WHERE clause).
    private static final String UNPAID = "status = '" + OrderStatus.PENDING_PAYMENT.name() + "' AND kind = 'CARD_KEY'";

    /** What one capped count looked like: units held unpaid, and when the oldest of them expires. */
    private record Held(long units, Instant firstExpiry) {
    }

    private final JdbcClient jdbc;
    private final ReservationSettings settings;
    private final Clock clock;

    ReservationCaps(JdbcClient jdbc, ReservationSettings settings, Clock clock) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.clock = clock;
    }

    /** Refuses {@code RESERVATION_LIMIT} when {@code quantity} more units would pass a cap; reserves nothing. */
    @Transactional(propagation = Propagation.MANDATORY)
    void requireRoom(Holder holder, Product product, int quantity) {
        switch (holder.kind()) {
            case BUYER -> {
                require("holder", holder.id(), settings.buyerUnitsMax(), quantity, "this buyer session");
                require("client_ip", holder.clientIp(), settings.ipUnitsMax(), quantity, "buyers from this address");
            }
            case API_KEY -> require("holder", holder.id(), settings.apiKeyUnitsMax(), quantity, "this API key");
            case ROOT -> {
            }
        }
        Integer own = product.limits().unpaidUnitsMax();
        require("sku", product.sku(), own != null ? own : settings.productUnitsMax(), quantity, "all buyers of this product");
    }

    private void require(String column, String value, int unitsMax, int quantity, String whose) {
        if (unitsMax == 0 || value == null) {
            return;
        }
        lock(column, value);
        Held held = held(column, value);
        if (held.units() + quantity > unitsMax) {
            long retryAfterSeconds = Math.max(1, Duration.between(clock.instant(), held.firstExpiry()).toSeconds() + 1);
            throw new Refusal(Refusal.Reason.RESERVATION_LIMIT, "Unpaid orders of " + whose + " already hold " + held.units()
                    + " of at most " + unitsMax + " units; pay or cancel them, or retry when one expires",
                    Map.of("unitsHeld", held.units(), "unitsMax", unitsMax, "retryAfterSeconds", retryAfterSeconds));
        }
    }

    /** Held until the transaction ends; a hash collision between two names only serialises them, never lets one pass. */
    private void lock(String column, String value) {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended(:name, 0))")
                .param("name", "payonce.reservations/" + column + "/" + value)
                .query((rs, row) -> 1).single();
    }

    private Held held(String column, String value) {
        return jdbc.sql("SELECT coalesce(sum(quantity), 0) AS units, min(expires_at) AS first_expiry FROM orders WHERE "
                        + column + " = :value AND " + UNPAID)
                .param("value", value)
                .query((rs, row) -> new Held(rs.getLong("units"),
                        rs.getTimestamp("first_expiry") == null ? Instant.EPOCH : rs.getTimestamp("first_expiry").toInstant()))
                .single();
    }
}
