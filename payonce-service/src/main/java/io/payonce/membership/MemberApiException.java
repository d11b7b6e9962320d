package io.payonce.membership;

/** A refused membership API request: answered with the envelope, its code and its HTTP status. */
class MemberApiException extends RuntimeException {

    private final MemberError error;

    MemberApiException(MemberError error, String message) {
        super(message, null, false, false);
        this.error = error;
    }

    MemberError error() {
        return error;
    }
}
