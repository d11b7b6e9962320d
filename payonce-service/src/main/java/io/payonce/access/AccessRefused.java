package io.payonce.access;

/** A request whose credential does not allow it; the edge maps each reason to its status and code. */
public final class AccessRefused extends RuntimeException {

    /** Why: no credential, one that is unknown, revoked or expired, or one without the needed scope. */
    public enum Reason { CREDENTIALS_MISSING, CREDENTIALS_INVALID, SCOPE_MISSING }

    private final Reason reason;

    public AccessRefused(Reason reason, String detail) {
        super(detail, null, false, false);
        this.reason = reason;
    }

    public static AccessRefused missing(String what) {
        return new AccessRefused(Reason.CREDENTIALS_MISSING, "This needs " + what);
    }

    public static AccessRefused invalid() {
        return new AccessRefused(Reason.CREDENTIALS_INVALID, "The credential is unknown, revoked or expired");
    }

    public static AccessRefused scopeMissing(Scope scope) {
        return new AccessRefused(Reason.SCOPE_MISSING, "This needs an API key with the scope '" + scope.wireName() + "'");
    }

    public Reason reason() {
        return reason;
    }
}
