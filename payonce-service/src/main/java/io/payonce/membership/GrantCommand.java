package io.payonce.membership;

/** Extend {@code userId}'s membership in {@code systemId} by {@code days}, once for {@code orderNo}. */
record GrantCommand(String systemId, String orderNo, String userId, int days) {

    /** The key of the per-user lock; ':' cannot occur in a systemId, so keys cannot collide. */
    String lockKey() {
        return "membership:" + systemId + ":" + userId;
    }
}
