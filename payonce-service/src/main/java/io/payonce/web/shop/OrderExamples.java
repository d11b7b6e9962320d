package io.payonce.web.shop;

/** The README's walk-through, as examples in the OpenAPI description of the order endpoints. */
final class OrderExamples {

    static final String CREATE_ORDER = """
            {"sku":"game-key","quantity":1,"buyer":{"userId":"alice","email":"alice@example.com"}}""";
    static final String CREATED = """
            {"orderId":"ord_01JDZK4M3Q8X2V7N5R6T9W0Y1A","status":"PENDING_PAYMENT","sku":"game-key","quantity":1,"amount":1999,\
            "currency":"CNY","buyerUserId":"alice","createdAt":"2026-11-30T12:00:00Z","expiresAt":"2026-11-30T12:15:00Z",\
            "refundedAmount":0,"payments":[],"refunds":[],"orderToken":"ot_3mJq9V0cW8pYb2xH7kLr5sTn4uZ1aE6dF0gR"}""";
    static final String QUEUED = """
            {"orderId":"ord_01JDZK4M3Q8X2V7N5R6T9W0Y1B","status":"QUEUED","sku":"flash-key","quantity":1,"amount":999,\
            "currency":"CNY","buyerUserId":"bob","createdAt":"2026-11-30T12:00:00Z",\
            "refundedAmount":0,"payments":[],"refunds":[],"orderToken":"ot_9kLq2V0cW8pYb2xH7kLr5sTn4uZ1aE6dF0gS"}""";
    static final String PAY = """
            {"channel":"alipay"}""";
    static final String PAYMENT = """
            {"paymentId":"pay_01JDZK5B7C2D3E4F5G6H7J8K9M","orderId":"ord_01JDZK4M3Q8X2V7N5R6T9W0Y1A","status":"PENDING",\
            "channel":"alipay","requestedChannel":"alipay","amount":1999,"currency":"CNY",\
            "payUrl":"https://qr.alipay.com/bax08431ljhokirwl38f00a7","createdAt":"2026-11-30T12:00:05Z"}""";
    static final String DELIVERED = """
            {"orderId":"ord_01JDZK4M3Q8X2V7N5R6T9W0Y1A","status":"DELIVERED","sku":"game-key","quantity":1,"amount":1999,\
            "currency":"CNY","buyerUserId":"alice","createdAt":"2026-11-30T12:00:00Z","expiresAt":"2026-11-30T12:15:00Z",\
            "paidAt":"2026-11-30T12:00:09Z","refundedAmount":0,"payments":[{"paymentId":"pay_01JDZK5B7C2D3E4F5G6H7J8K9M",\
            "orderId":"ord_01JDZK4M3Q8X2V7N5R6T9W0Y1A","status":"SUCCEEDED","channel":"alipay",\
            "requestedChannel":"alipay","amount":1999,"currency":"CNY","tradeNo":"2026113022001400000001","createdAt":"2026-11-30T12:00:05Z","succeededAt":"2026-11-30T12:00:09Z"}],\
            "refunds":[],"delivery":{"cardKeys":["CCCC-3333"]}}""";
    static final String REFUND = """
            {"amount":999}""";
    static final String REFUNDED = """
            {"refundId":"ref_01JDZK7D9E0F1G2H3J4K5M6N7P","orderId":"ord_01JDZK4M3Q8X2V7N5R6T9W0Y1A",\
            "paymentId":"pay_01JDZK5B7C2D3E4F5G6H7J8K9M","amount":999,"currency":"CNY","status":"SUCCEEDED",\
            "createdAt":"2026-11-30T12:01:00Z"}""";

    private OrderExamples() {
    }
}
