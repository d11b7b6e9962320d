package io.payonce.orders;

/** What can happen to an order. */
public enum OrderEvent {
    /** A queued order's turn came and its stock was reserved. */
    RESERVE,
    /** A queued order's turn came and the stock was gone. */
    SELL_OUT,
    /** The gateway confirmed the money. */
    PAY,
    /** The goods (card keys, membership days) were handed over. */
    DELIVER,
    /** The buyer gave up before paying. */
    CANCEL,
    /** Nobody paid before the order's expiry. */
    EXPIRE,
    /** A refund that leaves part of the paid amount. */
    REFUND_PART,
    /** A refund that brings the refunded total to the paid amount. */
    REFUND_ALL
}
