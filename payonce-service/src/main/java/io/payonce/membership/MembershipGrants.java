package io.payonce.membership;

import java.time.Duration;

/**
 * Membership days granted by the shop's own paid orders (product kind MEMBERSHIP), through the
 * same exactly-once path as the signed createOrRenewMember API.
 */
public interface MembershipGrants {

    /** The systemId under which the shop's own buyers hold their memberships. */
    String SHOP_SYSTEM_ID = "payonce-shop";

    /**
     * No membership is granted past 100 years from now (36,525 days), by the API or the shop. Far
     * beyond any membership sold (a "lifetime" one included), it keeps every expiry a four-digit
     * year that clients can hold (Python's datetime ends at 9999) and far inside PostgreSQL's
     * timestamp range (294276 AD), whose overflow used to make a paid order's notification fail
     * forever. Relative to now, so it never needs moving.
     */
    int EXPIRY_HORIZON_DAYS = 36_525;
    Duration EXPIRY_HORIZON = Duration.ofDays(EXPIRY_HORIZON_DAYS);

    /**
     * Extends the buyer's membership by {@code days} for {@code orderId}, exactly once per order,
     * inside the caller's transaction; a repeat for the same order adds nothing and answers the
     * first expiry. When the days would carry the membership past {@link #EXPIRY_HORIZON}, nothing
     * is written and the answer says so; the caller's transaction is left usable.
     */
    OrderGrant grantForOrder(String userId, String orderId, int days);

    /**
     * Whether {@code days} more would keep the buyer's membership within {@link #EXPIRY_HORIZON}
     * now: checked when an order is created, so a buyer is refused before paying. The grant
     * checks again, since other orders may be paid in between.
     */
    boolean withinExpiryHorizon(String userId, int days);
}
