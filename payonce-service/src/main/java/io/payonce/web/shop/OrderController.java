package io.payonce.web.shop;

import io.payonce.access.SubmitTokens;
import io.payonce.channels.PaymentChannels;
import io.payonce.common.Ids;
import io.payonce.idempotency.IdempotencyKeys;
import io.payonce.idempotency.IdempotentExecutor;
import io.payonce.idempotency.IdempotentOperation;
import io.payonce.idempotency.IdempotentRequest;
import io.payonce.idempotency.Resumable;
import io.payonce.payments.Payment;
import io.payonce.payments.Refund;
import io.payonce.orders.Order;
import io.payonce.orders.OrderStatus;
import io.payonce.orders.Orders;
import io.payonce.shop.CancelOrder;
import io.payonce.shop.CreateOrder;
import io.payonce.shop.OrderReads;
import io.payonce.shop.PayOrder;
import io.payonce.shop.RefundOrder;
import io.payonce.web.IdempotentResponses;
import io.payonce.web.JsonBodies;
import io.payonce.web.access.OrderTokenAnswers;
import io.payonce.web.access.RequestAccess;
import io.payonce.web.ApiException;
import io.payonce.web.ErrorCode;
import io.payonce.web.openapi.Idempotent;
import io.payonce.web.openapi.Refusals;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
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

/**
 * The order endpoints. Every POST here runs an {@link IdempotentOperation} under the caller's
 * Idempotency-Key; the operations hold the rules, this class only reads and writes HTTP.
 */
@RestController
@RequestMapping("/v1/orders")
@Tag(name = "Orders")
class OrderController {

    private static final String KEY_HEADER = "Idempotency-Key";
    static final String SUBMIT_TOKEN_HEADER = "Submit-Token";
    /**
     * Starts the idempotency key a submit token's id becomes. The unit separator is a character no
     * Idempotency-Key may hold, so a client's own key can never land on a token's.
     */
    private static final String SUBMIT_TOKEN_KEY_PREFIX = "\u001fsubmit-token:";

    private final CreateOrder createOrder;
    private final PayOrder payOrder;
    private final CancelOrder cancelOrder;
    private final RefundOrder refundOrder;
    private final OrderReads reads;
    private final IdempotentExecutor idempotency;
    private final IdempotentResponses responses;
    private final JsonBodies bodies;
    private final OrderTokenAnswers orderTokens;
    private final SubmitTokens submitTokens;
    private final Resumable<PayOrder.Command, Payment> payAnswers;
    private final Resumable<RefundOrder.Command, Refund> refundAnswers;

    OrderController(CreateOrder createOrder, PayOrder payOrder, CancelOrder cancelOrder, RefundOrder refundOrder,
                    OrderReads reads, IdempotentExecutor idempotency, IdempotentResponses responses, JsonBodies bodies,
                    OrderTokenAnswers orderTokens, Resumable<PayOrder.Command, Payment> payAnswers,
                    Resumable<RefundOrder.Command, Refund> refundAnswers, SubmitTokens submitTokens) {
        this.submitTokens = submitTokens;
        this.payAnswers = payAnswers;
        this.refundAnswers = refundAnswers;
        this.createOrder = createOrder;
        this.payOrder = payOrder;
        this.cancelOrder = cancelOrder;
        this.refundOrder = refundOrder;
        this.reads = reads;
        this.idempotency = idempotency;
        this.responses = responses;
        this.bodies = bodies;
        this.orderTokens = orderTokens;
    }

    @Operation(operationId = "createOrder", summary = "Create an order and reserve its stock",
            description = "A card-key order reserves its keys until `expiresAt`; pay it before then. The answer's `orderToken` "
                    + "is the buyer's only way back to the order (send it as `X-Order-Token`): it is in this answer and its replays only. "
                    + "A queued product's order is answered `202` QUEUED at once and gets its stock in arrival order.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    schema = @Schema(implementation = ShopRequests.CreateOrder.class),
                    examples = @ExampleObject(name = "walk-through", value = OrderExamples.CREATE_ORDER))))
    @ApiResponse(responseCode = "201", description = "Created: the order, reserved, with its token", content = @Content(
            schema = @Schema(implementation = OrderView.class),
            examples = @ExampleObject(name = "walk-through", value = OrderExamples.CREATED)))
    @ApiResponse(responseCode = "202", description = "Accepted: a queued product's order, QUEUED with its token; read it until it "
            + "is PENDING_PAYMENT (its stock reserved: pay it) or SOLD_OUT", content = @Content(
            schema = @Schema(implementation = OrderView.class),
            examples = @ExampleObject(name = "queued", value = OrderExamples.QUEUED)))
    @Idempotent(CreateOrder.class)
    @Parameter(name = "X-Captcha-Token", in = io.swagger.v3.oas.annotations.enums.ParameterIn.HEADER, description = "A buyer session "
            + "past its address's free orders (`428 captcha_required`): the token of `POST /v1/store/captcha-challenges`",
            schema = @Schema(type = "string"))
    @Parameter(name = "X-Captcha-Answer", in = io.swagger.v3.oas.annotations.enums.ParameterIn.HEADER,
            description = "The answer to that challenge's question", schema = @Schema(type = "string"))
    @Refusals({ErrorCode.PRODUCT_NOT_FOUND, ErrorCode.SOLD_OUT, ErrorCode.RESERVATION_LIMIT, ErrorCode.MEMBERSHIP_EXPIRY_LIMIT,
            ErrorCode.SUBMIT_TOKEN_INVALID, ErrorCode.SUBMIT_TOKEN_WITH_IDEMPOTENCY_KEY})
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<byte[]> create(@Parameter(required = true) @RequestHeader(name = KEY_HEADER, required = false) String key,
                                  @Parameter(description = "A one-time token from `POST /v1/submit-tokens`, instead of an Idempotency-Key: "
                                          + "the first use creates the order, every later use replays its answer",
                                          schema = @Schema(maxLength = 128, example = "st_k2m9q4x7w1ab_Vq3Lr8Zt0Nc5Hd2Fs7Ga4Kp9Jx6Mb1Wy3Tu8Re5Qo0Pi"))
                                  @RequestHeader(name = SUBMIT_TOKEN_HEADER, required = false) String submitToken,
                                  @RequestBody(required = false) byte[] body, HttpServletRequest http) {
        IdempotentRequest request = submitToken == null ? request(createOrder, key, http, body) : submitted(submitToken, key, http, body);
        ShopRequests.CreateOrder order = bodies.read(body, ShopRequests.CreateOrder.class);
        ShopRequests.Buyer buyer = order.buyer();
        Orders.NewOrder newOrder = new Orders.NewOrder(order.sku(), order.quantity().intValue(),
                buyer == null ? null : buyer.userId(), buyer == null ? null : buyer.email());
        CreateOrder.Command command = new CreateOrder.Command(newOrder, RequestAccess.caller(http), http.getRemoteAddr());
        return orderTokens.withOrderToken(responses.send(idempotency.execute(createOrder, request, command,
                responses.answers((Order created) -> created.status() == OrderStatus.QUEUED ? 202 : 201,
                        (Order created) -> OrderView.of(OrderReads.created(created))))), http);
    }

    @Operation(operationId = "getOrder", summary = "Read an order with its payments, refunds and delivery")
    @ApiResponse(responseCode = "200", description = "The order", content = @Content(schema = @Schema(implementation = OrderView.class),
            examples = @ExampleObject(name = "delivered", value = OrderExamples.DELIVERED)))
    @GetMapping(path = "/{orderId}", produces = MediaType.APPLICATION_JSON_VALUE)
    OrderView get(@PathVariable String orderId) {
        return OrderView.of(reads.withDelivery(requireOrderId(orderId)));
    }

    @Operation(operationId = "payOrder", summary = "Pay an order through a channel (default alipay)",
            description = "Opens a trade at the gateway; send the buyer to `payUrl`. The order is paid when the gateway's signed "
                    + "notification arrives (`/v1/callbacks/{channel}`): read the order to see it.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
                    schema = @Schema(implementation = ShopRequests.CreatePayment.class),
                    examples = @ExampleObject(name = "walk-through", value = OrderExamples.PAY))))
    @ApiResponse(responseCode = "201", description = "Created: the payment attempt, with the gateway's trade", content = @Content(
            schema = @Schema(implementation = OrderView.PaymentView.class),
            examples = @ExampleObject(name = "walk-through", value = OrderExamples.PAYMENT)))
    @Idempotent(PayOrder.class)
    @Refusals({ErrorCode.ORDER_ALREADY_PAID, ErrorCode.ORDER_NOT_PAYABLE, ErrorCode.PAYMENT_IN_PROGRESS, ErrorCode.PAYMENT_DECLINED,
            ErrorCode.PAYMENT_CLOSED, ErrorCode.CHANNEL_NOT_FOUND, ErrorCode.CHANNEL_UNAVAILABLE})
    @PostMapping(path = "/{orderId}/payments", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<byte[]> pay(@PathVariable String orderId,
                               @Parameter(required = true) @RequestHeader(name = KEY_HEADER, required = false) String key,
                               @RequestBody(required = false) byte[] body, HttpServletRequest http) {
        IdempotentRequest request = request(payOrder, key, http, body);
        String channel = optionalBody(body, ShopRequests.CreatePayment.class, new ShopRequests.CreatePayment(null)).channel();
        PayOrder.Command command = new PayOrder.Command(requireOrderId(orderId),
                channel == null ? PaymentChannels.DEFAULT_CHANNEL : channel);
        return responses.send(idempotency.execute(payOrder, request, command, payAnswers.answers()));
    }

    @Operation(operationId = "cancelOrder", summary = "Cancel an unpaid order and release its stock",
            description = "Takes no body. A live trade is closed at the gateway first; the order's keys are back in stock when it answers.")
    @ApiResponse(responseCode = "200", description = "The order, cancelled", content = @Content(schema = @Schema(implementation = OrderView.class)))
    @Idempotent(CancelOrder.class)
    @Refusals({ErrorCode.ORDER_NOT_CANCELLABLE, ErrorCode.ORDER_ALREADY_PAID, ErrorCode.PAYMENT_IN_PROGRESS, ErrorCode.CHANNEL_UNAVAILABLE})
    @PostMapping(path = "/{orderId}/cancel", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<byte[]> cancel(@PathVariable String orderId,
                                  @Parameter(required = true) @RequestHeader(name = KEY_HEADER, required = false) String key,
                                  // Fingerprinted with the key, never read: the description shows no body.
                                  @Parameter(hidden = true) @RequestBody(required = false) byte[] body, HttpServletRequest http) {
        IdempotentRequest request = request(cancelOrder, key, http, body);
        return responses.send(idempotency.execute(cancelOrder, request, requireOrderId(orderId), responses.answers(200, OrderView::of)));
    }

    @Operation(operationId = "refundOrder", summary = "Refund part or all of a paid order",
            description = "Needs the `refunds` scope. While the gateway's answer is unknown the refund stays `PENDING` and this "
                    + "request answers `503 channel_unavailable`: retry it with the same Idempotency-Key to get the gateway's word.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    schema = @Schema(implementation = ShopRequests.CreateRefund.class),
                    examples = @ExampleObject(name = "walk-through", value = OrderExamples.REFUND))))
    @ApiResponse(responseCode = "201", description = "Created: the refund", content = @Content(
            schema = @Schema(implementation = OrderView.RefundView.class),
            examples = @ExampleObject(name = "walk-through", value = OrderExamples.REFUNDED)))
    @Idempotent(RefundOrder.class)
    @Refusals({ErrorCode.ORDER_NOT_FOUND, ErrorCode.ORDER_NOT_REFUNDABLE, ErrorCode.REFUND_EXCEEDS_PAID, ErrorCode.REFUND_DECLINED,
            ErrorCode.CHANNEL_UNAVAILABLE})
    @PostMapping(path = "/{orderId}/refunds", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<byte[]> refund(@PathVariable String orderId,
                                  @Parameter(required = true) @RequestHeader(name = KEY_HEADER, required = false) String key,
                                  @RequestBody(required = false) byte[] body, HttpServletRequest http) {
        IdempotentRequest request = request(refundOrder, key, http, body);
        long amount = bodies.read(body, ShopRequests.CreateRefund.class).amount();
        RefundOrder.Command command = new RefundOrder.Command(requireOrderId(orderId), amount);
        return responses.send(idempotency.execute(refundOrder, request, command, refundAnswers.answers()));
    }

    /** The key, scoped to the operation and the caller, bound to the request's fingerprint. */
    private static IdempotentRequest request(IdempotentOperation<?, ?> operation, String key, HttpServletRequest http, byte[] body) {
        String valid = IdempotencyKeys.requireValid(key);
        return IdempotentRequest.of(operation, RequestAccess.idempotencyOwner(http), valid,
                IdempotencyKeys.fingerprint(http.getMethod(), http.getRequestURI(), body));
    }

    /**
     * The request a submit token names: its id is the idempotency key, so the key's one row lets
     * exactly one use run and makes every later use a replay (a different body is refused as a
     * reused key). Redeemed before the body is read, so a bad token changes nothing.
     */
    private IdempotentRequest submitted(String submitToken, String key, HttpServletRequest http, byte[] body) {
        if (key != null) {
            throw new ApiException(ErrorCode.SUBMIT_TOKEN_WITH_IDEMPOTENCY_KEY,
                    "Send either Submit-Token or Idempotency-Key: both name the request, and they could disagree");
        }
        String tokenId = submitTokens.redeem(RequestAccess.caller(http), submitToken);
        return IdempotentRequest.of(createOrder, RequestAccess.idempotencyOwner(http), SUBMIT_TOKEN_KEY_PREFIX + tokenId,
                IdempotencyKeys.fingerprint(http.getMethod(), http.getRequestURI(), body));
    }

    private <T> T optionalBody(byte[] body, Class<T> type, T empty) {
        return body == null || body.length == 0 ? empty : bodies.read(body, type);
    }

    private static String requireOrderId(String orderId) {
        if (!Ids.wellFormed(orderId, "ord")) {
            throw Orders.notFound(orderId.length() > 64 ? orderId.substring(0, 64) + "..." : orderId);
        }
        return orderId;
    }
}
