package io.payonce.membership;

import org.springframework.http.HttpStatus;

/**
 * Every non-zero {@code code} of the membership envelope, with its HTTP status. The numbers are
 * part of the contract (clients switch on them): never renumber, only add.
 */
enum MemberError {
    /** The body is not a JSON object of scalar fields, has duplicate or too many fields, or is too large. */
    MALFORMED_REQUEST(HttpStatus.BAD_REQUEST, 40000),
    /** A field is missing, empty, of the wrong type, badly formatted or too long. */
    INVALID_FIELD(HttpStatus.BAD_REQUEST, 40001),
    /** {@code days} is a well-formed integer outside 1..3650. */
    DAYS_OUT_OF_RANGE(HttpStatus.BAD_REQUEST, 40002),
    BAD_SIGNATURE(HttpStatus.UNAUTHORIZED, 40101),
    UNKNOWN_SYSTEM(HttpStatus.UNAUTHORIZED, 40102),
    STALE_TIMESTAMP(HttpStatus.UNAUTHORIZED, 40103),
    REPLAYED_NONCE(HttpStatus.UNAUTHORIZED, 40104),
    /** The member lookup without an API key. */
    CREDENTIALS_MISSING(HttpStatus.UNAUTHORIZED, 40105),
    /** An API key that is unknown or revoked. */
    CREDENTIALS_INVALID(HttpStatus.UNAUTHORIZED, 40106),
    /** An API key without the {@code members} scope. */
    SCOPE_MISSING(HttpStatus.FORBIDDEN, 40301),
    NO_SUCH_ENDPOINT(HttpStatus.NOT_FOUND, 40400),
    MEMBER_NOT_FOUND(HttpStatus.NOT_FOUND, 40401),
    METHOD_NOT_ALLOWED(HttpStatus.METHOD_NOT_ALLOWED, 40500),
    /** The orderNo was applied before for another userId or another number of days. */
    ORDER_CONFLICT(HttpStatus.CONFLICT, 40901),
    /** The days would carry the membership past the furthest expiry granted (100 years from now). */
    EXPIRY_LIMIT(HttpStatus.CONFLICT, 40902),
    RATE_LIMITED(HttpStatus.TOO_MANY_REQUESTS, 42901),
    INTERNAL(HttpStatus.INTERNAL_SERVER_ERROR, 50001),
    UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, 50301);

    private final HttpStatus status;
    private final int code;

    MemberError(HttpStatus status, int code) {
        this.status = status;
        this.code = code;
    }

    HttpStatus status() {
        return status;
    }

    int code() {
        return code;
    }

    /** The metric tag of this outcome. */
    String tag() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
