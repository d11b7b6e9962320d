package io.payonce.client.model;

/** What cancelling a holder's unpaid orders did. */
public record ReservationsCancelled(long orders, long units, long skipped) {
}
