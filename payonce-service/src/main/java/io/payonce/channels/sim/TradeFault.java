package io.payonce.channels.sim;

/** What the gateway does with one createTrade call, when a fault switch says so. */
enum TradeFault {
    /** Behaves normally (useful to let some calls pass before a fault in the queue). */
    OK,
    /** Refuses to open the trade: {@code Declined}. */
    DECLINE,
    /** Opens the trade but it is never paid by autopay: it waits for /sim/.../succeed or a close. */
    PENDING,
    /** Opens the trade, then the answer is lost: {@code Unknown}; queryTrade tells the truth. */
    TIMEOUT
}
