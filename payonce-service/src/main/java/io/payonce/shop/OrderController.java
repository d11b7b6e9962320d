package io.payonce.shop;

import io.payonce.channels.PaymentChannels;
import io.payonce.common.Ids;
import io.payonce.idempotency.IdempotencyKeys;
import io.payonce.idempotency.IdempotentExecutor;
import io.payonce.idempotency.IdempotentRequest;
import io.payonce.orders.OrderService;
import io.payonce.web.JsonBodies;
import io.payonce.web.access.OrderTokenAnswers;
import io.payonce.web.access.RequestAccess;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The order endpoints of API.md. Every POST here is idempotent under an Idempotency-Key. */
@RestController
@RequestMapping("/v1/orders")
@Tag(name = "Orders", description = "Orders, payments, cancellation and refunds")
class OrderController {

    private static final String KEY_HEADER = "Idempotency-Key";

    private final ShopService shop;
    private final IdempotentExecutor idempotency;
    private final JsonBodies bodies;
    private final OrderTokenAnswers orderTokens;

    OrderController(ShopService shop, IdempotentExecutor idempotency, JsonBodies bodies, OrderTokenAnswers orderTokens) {
        this.shop = shop;
        this.idempotency = idempotency;
        this.bodies = bodies;
        this.orderTokens = orderTokens;
    }

    @Operation(summary = "Create an order and reserve its stock")
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<byte[]> create(@Parameter(required = true) @RequestHeader(name = KEY_HEADER, required = false) String key,
                                  @RequestBody(required = false) byte[] body, HttpServletRequest http) {
        IdempotentRequest request = request("POST /v1/orders", key, http, body);
        ShopRequests.CreateOrder order = bodies.read(body, ShopRequests.CreateOrder.class);
        ShopRequests.Buyer buyer = order.buyer();
        OrderService.NewOrder newOrder = new OrderService.NewOrder(order.sku(), order.quantity().intValue(),
                buyer == null ? null : buyer.userId(), buyer == null ? null : buyer.email());
        return orderTokens.withOrderToken(idempotency.execute(request, context -> shop.createOrder(newOrder, context)), http);
    }

    @Operation(summary = "Read an order with its payments, refunds and delivery")
    @GetMapping(path = "/{orderId}", produces = MediaType.APPLICATION_JSON_VALUE)
    OrderView get(@PathVariable String orderId) {
        return shop.getOrder(requireOrderId(orderId));
    }

    @Operation(summary = "Pay an order through a channel (default alipay)")
    @PostMapping(path = "/{orderId}/payments", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<byte[]> pay(@PathVariable String orderId,
                               @Parameter(required = true) @RequestHeader(name = KEY_HEADER, required = false) String key,
                               @RequestBody(required = false) byte[] body, HttpServletRequest http) {
        IdempotentRequest request = request("POST /v1/orders/{orderId}/payments", key, http, body);
        String channel = optionalBody(body, ShopRequests.CreatePayment.class, new ShopRequests.CreatePayment(null)).channel();
        String channelName = channel == null ? PaymentChannels.DEFAULT_CHANNEL : channel;
        requireOrderId(orderId);
        return idempotency.execute(request, context -> shop.pay(orderId, channelName, context));
    }

    @Operation(summary = "Cancel an unpaid order and release its stock")
    @PostMapping(path = "/{orderId}/cancel", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<byte[]> cancel(@PathVariable String orderId,
                                  @Parameter(required = true) @RequestHeader(name = KEY_HEADER, required = false) String key,
                                  @RequestBody(required = false) byte[] body, HttpServletRequest http) {
        IdempotentRequest request = request("POST /v1/orders/{orderId}/cancel", key, http, body);
        requireOrderId(orderId);
        return idempotency.execute(request, context -> shop.cancel(orderId));
    }

    @Operation(summary = "Refund part or all of a paid order")
    @PostMapping(path = "/{orderId}/refunds", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<byte[]> refund(@PathVariable String orderId,
                                  @Parameter(required = true) @RequestHeader(name = KEY_HEADER, required = false) String key,
                                  @RequestBody(required = false) byte[] body, HttpServletRequest http) {
        IdempotentRequest request = request("POST /v1/orders/{orderId}/refunds", key, http, body);
        long amount = bodies.read(body, ShopRequests.CreateRefund.class).amount();
        requireOrderId(orderId);
        return idempotency.execute(request, context -> shop.refund(orderId, amount, context));
    }

    /** Keys are scoped to the caller and the endpoint, and bound to the request. */
    private static IdempotentRequest request(String scope, String key, HttpServletRequest http, byte[] body) {
        String valid = IdempotencyKeys.requireValid(key);
        String callerScope = RequestAccess.idempotencyOwner(http) + " " + scope;
        return new IdempotentRequest(callerScope, valid, IdempotencyKeys.fingerprint(http.getMethod(), http.getRequestURI(), body));
    }

    private <T> T optionalBody(byte[] body, Class<T> type, T empty) {
        return body == null || body.length == 0 ? empty : bodies.read(body, type);
    }

    private static String requireOrderId(String orderId) {
        if (!Ids.wellFormed(orderId, "ord")) {
            throw ShopService.orderNotFound(orderId.length() > 64 ? orderId.substring(0, 64) + "..." : orderId);
        }
        return orderId;
    }
}
