package io.payonce.reconcile;

/** The gateway's bill is not a file payonce can trust: damaged, cut short, too large, or not in the expected layout. */
public final class BillUnreadable extends RuntimeException {

    BillUnreadable(String message) {
        super(message, null, false, false);
    }
}
