package io.payonce.membership;

/** A refused membership API request: answered with the envelope, its code and its HTTP status. */
public class MemberApiException extends RuntimeException {

    private final MemberError error;

    public MemberApiException(MemberError error, String message) {
        super(message, null, false, false);
        this.error = error;
    }

    public MemberError error() {
        return error;
    }
}
