package io.payonce.access;

import java.time.Instant;

/** A console login that did not open a session: a wrong name or password, or a lock-out. */
public final class OwnerLoginRefused extends RuntimeException {

    /** Why: the name and password did not match, or the account or the client address is locked out. */
    public enum Reason { FAILED, LOCKED }

    private final Reason reason;
    private final Instant lockedUntil;

    OwnerLoginRefused(Reason reason, String detail, Instant lockedUntil) {
        super(detail, null, false, false);
        this.reason = reason;
        this.lockedUntil = lockedUntil;
    }

    public Reason reason() {
        return reason;
    }

    /** When a lock-out ends; null for a plain failure. */
    public Instant lockedUntil() {
        return lockedUntil;
    }
}
