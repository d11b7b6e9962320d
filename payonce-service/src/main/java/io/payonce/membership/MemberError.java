package io.payonce.membership;

/**
 * Every non-zero {@code code} of the membership envelope. Its first three digits are the HTTP
 * status it is answered with (40104 is a 401), which the web edge derives from it. The numbers are
 * part of the contract (clients switch on them): never renumber, only add.
 */
public enum MemberError {
    /** The body is not a JSON object of scalar fields, has duplicate or too many fields, or is too large. */
    MALFORMED_REQUEST(40000),
    /** A field is missing, empty, of the wrong type, badly formatted or too long. */
    INVALID_FIELD(40001),
    /** {@code days} is a well-formed integer outside 1..3650. */
    DAYS_OUT_OF_RANGE(40002),
    BAD_SIGNATURE(40101),
    UNKNOWN_SYSTEM(40102),
    STALE_TIMESTAMP(40103),
    REPLAYED_NONCE(40104),
    /** The member lookup without an API key. */
    CREDENTIALS_MISSING(40105),
    /** An API key that is unknown or revoked. */
    CREDENTIALS_INVALID(40106),
    /** An API key without the {@code members} scope. */
    SCOPE_MISSING(40301),
    NO_SUCH_ENDPOINT(40400),
    MEMBER_NOT_FOUND(40401),
    METHOD_NOT_ALLOWED(40500),
    /** The orderNo was applied before for another userId or another number of days. */
    ORDER_CONFLICT(40901),
    /** The days would carry the membership past the furthest expiry granted (100 years from now). */
    EXPIRY_LIMIT(40902),
    RATE_LIMITED(42901),
    INTERNAL(50001),
    UNAVAILABLE(50301);

    private final int code;

    MemberError(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The metric tag of this outcome. */
    String tag() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
