package io.payonce.membership;

/**
 * A createOrRenewMember request as it was sent: each field's text exactly as written (numbers
 * included), and the canonical string its signature must cover.
 */
public record SignedRequest(String systemId, String orderNo, String userId, String days, String timestamp,
                     String nonce, String sign, String canonicalString) {

    /** Days as a number; well-formedness (at most 10 digits) is checked by the parser, range is not. */
    long daysValue() {
        return Long.parseLong(days);
    }

    long timestampMs() {
        return Long.parseLong(timestamp);
    }
}
