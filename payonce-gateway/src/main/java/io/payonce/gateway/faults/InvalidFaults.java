package io.payonce.gateway.faults;

/** A fault-switch change that does not fit (unknown field, wrong type, out of range): nothing was changed. */
public final class InvalidFaults extends RuntimeException {

    public InvalidFaults(String detail) {
        super(detail, null, false, false);
    }
}
