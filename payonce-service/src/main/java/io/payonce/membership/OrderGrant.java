package io.payonce.membership;

import java.time.Instant;

/** What granting a shop order's membership days did. */
public sealed interface OrderGrant {

    /** The days were added (now or by an earlier call for the same order); the membership's expiry after them. */
    record Granted(Instant memberExpiresAt) implements OrderGrant {
    }

    /**
     * Nothing was added: the days would carry the membership past {@code limit}, the furthest
     * expiry payonce grants (see {@link MembershipGrants#EXPIRY_HORIZON}).
     */
    record PastExpiryLimit(Instant limit) implements OrderGrant {
    }
}
