package io.payonce.bench.scenarios;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.payonce.bench.audit.Journal;
import io.payonce.bench.load.BenchHttp;
import io.payonce.bench.load.Call;
import io.payonce.bench.load.Reply;
import io.payonce.bench.load.Session;
import tools.jackson.databind.JsonNode;

/**
 * The shop's calls as the scenarios make them, each journaling what the service acknowledged.
 * Answers that are legitimate business outcomes under load (sold out, a concurrent duplicate
 * still running, an order not yet paid when a refund races the notification) are marked expected.
 * Buyers call as buyers do: with a buyer session, and with each order's token on the calls on
 * that order; refunds go through a merchant API key with the refunds scope.
 */
final class Shop {

    /** The import endpoint's documented batch limit is 10000; half keeps each request quick. */
    private static final int IMPORT_BATCH = 5_000;
    private static final String ORDER_TOKEN = "X-Order-Token";
    /**
     * Buyer sessions opened before the load and shared round-robin by the iterations: a session
     * per iteration would add a request to every purchase that no real buyer makes that often.
     * 256, so that the simulated buyers sharing one session stay far below the service's cap on
     * units a session holds unpaid (10 by default, issue 13): a refusal then means a real limit.
     */
    private static final int BUYER_SESSIONS = 256;
    static final long PRICE = 1999;

    private final ScenarioContext context;
    private final BenchHttp http;
    private final Journal journal;
    private final String[] buyerSessions = new String[BUYER_SESSIONS];
    /** Each acknowledged order's token; a few dozen bytes per order, like the journal's own entry. */
    private final Map<String, String> orderTokens = new ConcurrentHashMap<>();
    private String refundsKey;

    Shop(ScenarioContext context) {
        this.context = context;
        this.http = context.http();
        this.journal = context.journal();
    }

    /**
     * Opens the buyer sessions and the merchant's refunds key of this run; the scenarios that buy
     * call it through {@link #createCardKeyProduct}, before the load.
     */
    void prepareCallers() {
        for (int i = 0; i < BUYER_SESSIONS; i++) {
            buyerSessions[i] = "Bearer " + admin(Call.postJson("setup", "/v1/buyer-sessions", "{}"), 201).json().path("buyerToken").asString();
        }
        refundsKey = "Bearer " + admin(Call.postJson("setup", "/v1/admin/api-keys",
                Json.of("scopes", List.of("refunds"), "label", "bench " + context.runId() + " refunds")), 201).json().path("key").asString();
    }

    /** Creates a card-key product of this run and imports {@code stock} codes; returns its sku. */
    String createCardKeyProduct(String name, long stock) {
        return createCardKeyProduct(name, stock, false);
    }

    /** The same, queued (issue 10) when {@code queued}: its orders are answered 202 and get their stock later. */
    String createCardKeyProduct(String name, long stock, boolean queued) {
        if (refundsKey == null) {
            prepareCallers();
        }
        String sku = "bench-" + context.runId() + "-" + name;
        admin(Call.postJson("setup", "/v1/admin/products",
                Json.of("sku", sku, "name", "bench " + name, "kind", "CARD_KEY", "price", PRICE, "currency", "CNY", "queued", queued)), 201);
        for (long from = 0; from < stock; from += IMPORT_BATCH) {
            List<String> codes = new ArrayList<>();
            for (long n = from; n < Math.min(stock, from + IMPORT_BATCH); n++) {
                codes.add("K-" + context.runId() + "-" + name + "-" + n);
            }
            Reply reply = admin(Call.postJson("setup", "/v1/admin/products/" + sku + "/card-keys", Json.of("codes", codes)), 200);
            journal.keysImported(sku, reply.json().path("imported").asLong());
        }
        return sku;
    }

    Reply admin(Call call, int expectedStatus) {
        return setUp(call.header("Authorization", "Bearer " + context.adminToken()), expectedStatus);
    }

    /** A set-up call to the sandbox gateway's control API: it needs no credential, and is given none of the service's. */
    Reply gatewayControl(Call call, int expectedStatus) {
        return setUp(call, expectedStatus);
    }

    private Reply setUp(Call call, int expectedStatus) {
        Reply reply = http.sendUnrecorded(call);
        if (reply.status() != expectedStatus) {
            throw new IllegalStateException("set-up call " + call.method() + " " + call.path() + " answered " + reply.cause()
                    + " (expected " + expectedStatus + "): " + reply.body());
        }
        return reply;
    }

    /** POST /v1/orders; the order's id when the service answered 201. */
    Optional<String> order(Session session, String sku, int quantity, String userId) {
        return order(session, orderCall(sku, quantity, userId, "o-" + context.runId() + "-" + session.sequence()));
    }

    /** The order of one iteration, from one of the buyer sessions; the copies of a storm share it. */
    Call orderCall(String sku, int quantity, String userId, String idempotencyKey) {
        return Call.postJson("create_order", "/v1/orders",
                        Json.of("sku", sku, "quantity", quantity, "buyer", Json.map("userId", userId)))
                .header("Authorization", buyerSessions[Math.floorMod(idempotencyKey.hashCode(), BUYER_SESSIONS)])
                .idempotencyKey(idempotencyKey)
                .expecting("409 sold_out", "409 idempotency_key_in_use");
    }

    Optional<String> order(Session session, Call call) {
        return acknowledgedOrder(http.send(session, call));
    }

    Optional<String> acknowledgedOrder(Reply reply) {
        // 202: a queued order, taken in for good (its turn comes later): acknowledged like a created one.
        if (!reply.is(201) && !reply.is(202)) {
            return Optional.empty();
        }
        JsonNode order = reply.json();
        String orderId = order.path("orderId").asString();
        orderTokens.put(orderId, order.path("orderToken").asString());
        journal.orderAcknowledged(orderId, new Journal.OrderAck(order.path("sku").asString(),
                order.path("quantity").asInt(), order.path("amount").asLong()));
        return Optional.of(orderId);
    }

    /** POST /v1/orders/{id}/payments; the payment when the service answered 201. */
    Optional<Payment> pay(Session session, String orderId, String idempotencyKey) {
        return acknowledgedPayment(http.send(session, payCall(orderId, idempotencyKey)));
    }

    Call payCall(String orderId, String idempotencyKey) {
        return Call.postJson("create_payment", "/v1/orders/" + orderId + "/payments", Json.of("channel", context.options().channel()))
                .header(ORDER_TOKEN, orderTokens.getOrDefault(orderId, ""))
                .idempotencyKey(idempotencyKey)
                .expecting("409 idempotency_key_in_use", "409 order_already_paid", "409 payment_in_progress",
                        "409 order_not_payable", "402 payment_declined", "503 channel_unavailable");
    }

    Optional<Payment> acknowledgedPayment(Reply reply) {
        if (!reply.is(201)) {
            return Optional.empty();
        }
        JsonNode json = reply.json();
        Payment payment = new Payment(json.path("paymentId").asString(), json.path("orderId").asString(), json.path("status").asString());
        journal.paymentAcknowledged(payment.paymentId(), payment.orderId());
        return Optional.of(payment);
    }

    /** The buyer pays at the sandbox gateway (its control API); the notification follows. */
    boolean payAtGateway(Session session, String paymentId) {
        Reply reply = http.send(session, Call.postJson("gateway_pay", payPath(context, paymentId), "{}").expecting("409"));
        if (reply.ok()) {
            journal.paidAtGateway(paymentId);
        }
        return reply.ok();
    }

    /** Where the buyer pays: {@code /sandbox/{channel}/trades/{paymentId}/pay} at the gateway. */
    static String payPath(ScenarioContext context, String paymentId) {
        return ScenarioContext.require(context.gateway())
                .url("/sandbox/" + context.options().channel() + "/trades/" + paymentId + "/pay");
    }

    Optional<String> refund(Session session, String orderId, long amount) {
        Reply reply = http.send(session, Call.postJson("refund", "/v1/orders/" + orderId + "/refunds", Json.of("amount", amount))
                .header("Authorization", refundsKey)
                .idempotencyKey("r-" + context.runId() + "-" + session.sequence())
                .expecting("409 refund_exceeds_paid", "409 order_not_refundable", "409 idempotency_key_in_use"));
        if (!reply.is(201)) {
            return Optional.empty();
        }
        JsonNode refund = reply.json();
        String refundId = refund.path("refundId").asString();
        journal.refundAcknowledged(refundId, new Journal.RefundAck(orderId, refund.path("amount").asLong()));
        return Optional.of(refundId);
    }

    boolean cancel(Session session, String orderId) {
        Reply reply = http.send(session, Call.postJson("cancel", "/v1/orders/" + orderId + "/cancel", "{}")
                .header(ORDER_TOKEN, orderTokens.getOrDefault(orderId, ""))
                .idempotencyKey("c-" + context.runId() + "-" + session.sequence())
                .expecting("409 order_not_cancellable", "409 idempotency_key_in_use"));
        return reply.ok();
    }

    Reply browse(Session session, String sku) {
        return http.send(session, Call.get("get_product", "/v1/products/" + sku));
    }

    /** A payment as the service announced it. */
    record Payment(String paymentId, String orderId, String status) {
    }
}
