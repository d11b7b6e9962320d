package io.payonce.orders;

/**
 * Who places an order, for the caps on unpaid reservations: the caller's id (its Idempotency-Key
 * owner, such as {@code buyer:<session>} or {@code key:<id>}), what kind of caller it is, and the
 * client address the request came from.
 */
public record Holder(String id, Kind kind, String clientIp) {

    /** Which caps a caller is held to. */
    public enum Kind {
        /** An anonymous buyer's session: its own cap, and its address's cap with every other session there. */
        BUYER,
        /** A merchant's backend ordering for its buyers from one address: a cap of its own only. */
        API_KEY,
        /** The operator's root credential: no holder cap (the product's cap still applies). */
        ROOT
    }

    /** Orders made without a caller (fixtures, pre-issue-13 rows): held to no holder cap. */
    public static final Holder NONE = new Holder(null, Kind.ROOT, null);
}
