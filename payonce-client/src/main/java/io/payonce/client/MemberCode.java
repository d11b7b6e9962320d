package io.payonce.client;

import java.util.Arrays;

/** The membership API's envelope codes (docs/membership.md, "Answers"). */
public enum MemberCode {
    SUCCESS(0),
    MALFORMED_BODY(40000),
    INVALID_FIELD(40001),
    DAYS_OUT_OF_RANGE(40002),
    SIGNATURE_INVALID(40101),
    SYSTEM_UNKNOWN(40102),
    TIMESTAMP_OUT_OF_WINDOW(40103),
    NONCE_REUSED(40104),
    CREDENTIALS_MISSING(40105),
    CREDENTIALS_INVALID(40106),
    SCOPE_MISSING(40301),
    NO_SUCH_ENDPOINT(40400),
    MEMBER_NOT_FOUND(40401),
    METHOD_NOT_ALLOWED(40500),
    ORDER_CONFLICT(40901),
    EXPIRY_LIMIT(40902),
    RATE_LIMITED(42901),
    INTERNAL_ERROR(50001),
    UNAVAILABLE(50301),
    /** A code this version of the client does not know; {@link MembershipException#rawCode()} has it. */
    UNKNOWN(-1);

    private final int code;

    MemberCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static MemberCode of(int code) {
        return Arrays.stream(values()).filter(c -> c.code == code).findFirst().orElse(UNKNOWN);
    }
}
