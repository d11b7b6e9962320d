package io.payonce.client.model;

/** One difference between a gateway's bill and payonce. */
public record Mismatch(String kind, String what, String paymentId, String refundId, String tradeNo, Long gatewayAmount,
                       Long payonceAmount, String payonceStatus, String detail, String repair, String repairDetail) {
}
