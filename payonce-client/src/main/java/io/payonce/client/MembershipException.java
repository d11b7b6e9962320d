package io.payonce.client;

/**
 * The membership API refused the call: its envelope's {@code code} (40101, 40901, ...) as
 * {@link MemberCode}, and the HTTP status.
 */
public final class MembershipException extends PayonceException {

    private final int rawCode;
    private final int status;

    MembershipException(int rawCode, int status, String message, int attempts) {
        super(status + " code=" + rawCode + ": " + message, null, null, attempts);
        this.rawCode = rawCode;
        this.status = status;
    }

    public MemberCode code() {
        return MemberCode.of(rawCode);
    }

    public int rawCode() {
        return rawCode;
    }

    public int status() {
        return status;
    }
}
