package io.payonce.gateway.faults;

/** What the gateway does with one call that opens a trade, when a fault switch says so. */
public enum TradeFault {
    /** Behaves normally (useful to let some calls pass before a fault in the queue). */
    OK,
    /** Refuses to open the trade: {@code Declined}. */
    DECLINE,
    /** Opens the trade but it is never paid by autopay: it waits for the buyer (/sandbox/.../pay) or a close. */
    PENDING,
    /** Opens the trade, then the answer is lost (the client times out); a query tells the truth. */
    TIMEOUT
}
