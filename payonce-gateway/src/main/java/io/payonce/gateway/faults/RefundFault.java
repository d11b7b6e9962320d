package io.payonce.gateway.faults;

/** What the gateway does with one refund call, when a fault switch says so. */
public enum RefundFault {
    /** Behaves normally. */
    OK,
    /** Refuses the refund, no money moves. */
    DECLINE,
    /** Books the refund, then the answer is lost (the client times out); a retry with the same refund number answers as booked. */
    TIMEOUT
}
