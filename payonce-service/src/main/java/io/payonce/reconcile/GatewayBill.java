package io.payonce.reconcile;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

/** A day's bill as the gateway reported it: each payment and each refund it booked that day. */
public record GatewayBill(LocalDate day, List<Line> lines) {

    public GatewayBill {
        lines = List.copyOf(lines);
    }

    /** What a line of the bill is. */
    public enum Kind { PAYMENT, REFUND }

    /**
     * One line: a payment of {@code paymentId} (the bill's out_trade_no), or a refund
     * {@code refundId} (its out_request_no) of that payment; {@code amount} in minor units, always
     * positive; {@code finishedAt} in the gateway's time zone.
     */
    public record Line(Kind kind, String tradeNo, String paymentId, String refundId, long amount, LocalDateTime finishedAt) {
    }

    public long count(Kind kind) {
        return lines.stream().filter(line -> line.kind() == kind).count();
    }
}
