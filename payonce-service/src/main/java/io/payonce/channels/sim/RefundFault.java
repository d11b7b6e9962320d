package io.payonce.channels.sim;

/** What the gateway does with one refund call, when a fault switch says so. */
enum RefundFault {
    /** Behaves normally. */
    OK,
    /** Refuses the refund: {@code Failed}, no money moves. */
    DECLINE,
    /** Books the refund, then the answer is lost: {@code Unknown}; a retry with the same refundId answers Succeeded. */
    TIMEOUT
}
