package io.payonce.reconcile;

/**
 * One disagreement between the gateway's bill and payonce, and what the reconciliation did about it.
 *
 * @param what           a payment (a charge) or a refund
 * @param gatewayAmount  what the gateway booked, in minor units; null when it booked nothing
 * @param payonceAmount  what payonce booked, in minor units; null when it has no such row
 * @param payonceStatus  payonce's status of the payment or refund; null when it has no such row
 * @param detail         why this is a mismatch, in a sentence
 * @param repairDetail   what the repair did or why it was not attempted
 */
public record Mismatch(Kind kind, GatewayBill.Kind what, String paymentId, String refundId, String tradeNo,
                       Long gatewayAmount, Long payonceAmount, String payonceStatus, String detail,
                       Repair repair, String repairDetail) {

    /** What disagrees. */
    public enum Kind {
        /** The gateway charged or refunded, and payonce has no such row or has not settled it. */
        MISSING_IN_PAYONCE,
        /** payonce booked a charge or a refund the gateway has no record of. */
        MISSING_AT_GATEWAY,
        /** Both booked it, for different amounts. */
        AMOUNT_DIFFERS,
        /** Both know it, and disagree on what happened (payonce failed a payment the gateway charged...). */
        STATUS_DIFFERS
    }

    /** What the reconciliation did about it. */
    public enum Repair {
        /** Settled in this run through payonce's normal path; nothing remains. */
        REPAIRED,
        /** Safe to settle through the normal path: a run with repair would do it. */
        REPAIRABLE,
        /** Not safe to change automatically: a person must look (and perhaps refund). */
        NOT_SAFE,
        /** Repair was tried and the gateway did not confirm; a later run tries again. */
        FAILED,
        /** payonce recorded it as a money exception that is still open: it remains, and is followed up there. */
        RECORDED,
        /** payonce recorded it as a money exception and has since refunded it, or an operator resolved it: nothing remains. */
        ACCOUNTED
    }

    public boolean remains() {
        return repair != Repair.REPAIRED && repair != Repair.ACCOUNTED;
    }

    Mismatch repaired(Repair outcome, String why) {
        return new Mismatch(kind, what, paymentId, refundId, tradeNo, gatewayAmount, payonceAmount, payonceStatus, detail,
                outcome, why);
    }
}
