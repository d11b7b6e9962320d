package io.payonce.membership;

import java.time.Instant;

/**
 * Membership days granted by the shop's own paid orders (product kind MEMBERSHIP), through the
 * same exactly-once path as the signed createOrRenewMember API.
 */
public interface MembershipGrants {

    /** The systemId under which the shop's own buyers hold their memberships. */
    String SHOP_SYSTEM_ID = "payonce-shop";

    /**
     * Extends the buyer's membership by {@code days} for {@code orderId}, exactly once per order,
     * inside the caller's transaction; a repeat for the same order adds nothing. Returns the
     * membership's expiry after the grant.
     */
    Instant grantForOrder(String userId, String orderId, int days);
}
