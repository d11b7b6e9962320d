package io.payonce.web.store;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import io.payonce.captcha.Captchas;
import io.payonce.products.ProductResponse;
import io.payonce.products.ProductService;
import io.payonce.store.OrderLookup;
import io.payonce.web.ApiException;
import io.payonce.web.ErrorCode;
import io.payonce.web.JsonBodies;
import io.payonce.web.openapi.Refusals;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the storefront's pages need besides the order endpoints: the product list, a captcha
 * challenge, and the order lookup by number and email. All are open to anyone, like the pages.
 */
@RestController
@Tag(name = "Storefront")
class StoreController {

    /** A shop's shelf; a storefront showing more would page, which none asks for yet. */
    static final int PRODUCTS_LISTED_MAX = 200;
    private static final long LOOKUP_RETRY_AFTER_SECONDS = StoreLimits.LOOKUP_WINDOW.toSeconds() / StoreLimits.LOOKUPS_PER_WINDOW;

    private final ProductService products;
    private final Captchas captchas;
    private final OrderLookup lookup;
    private final JsonBodies bodies;
    private final StoreLimits limits;

    StoreController(ProductService products, Captchas captchas, OrderLookup lookup, JsonBodies bodies, StoreLimits limits) {
        this.products = products;
        this.captchas = captchas;
        this.lookup = lookup;
        this.bodies = bodies;
        this.limits = limits;
    }

    /** The product list. */
    @Schema(name = "ProductList", requiredProperties = "products")
    record ProductList(List<ProductResponse> products) {
    }

    @Operation(operationId = "listProducts", summary = "Every product with its stock, oldest first (at most 200)")
    @ApiResponse(responseCode = "200", description = "The products", content = @Content(schema = @Schema(implementation = ProductList.class),
            examples = @ExampleObject(name = "one product", value = """
                    {"products":[{"sku":"game-key","name":"Game key","kind":"CARD_KEY","price":1999,"currency":"CNY","available":3,\
                    "flashSale":false}]}""")))
    @GetMapping(path = "/v1/products", produces = MediaType.APPLICATION_JSON_VALUE)
    ProductList list() {
        return new ProductList(products.list(PRODUCTS_LISTED_MAX));
    }

    /** A challenge to show the buyer. */
    @Schema(name = "CaptchaChallenge", requiredProperties = {"token", "image", "expiresAt"})
    record ChallengeView(@Schema(description = "Send back as `X-Captcha-Token` with the answer as `X-Captcha-Answer`") String token,
                         @Schema(description = "The question, an SVG as a data URL") String image, Instant expiresAt) {
    }

    @Operation(operationId = "createCaptchaChallenge", summary = "A captcha challenge, for an order past the address's free orders",
            description = "Answer it by sending `X-Captcha-Token` and `X-Captcha-Answer` with `POST /v1/orders`. It is valid for 5 minutes "
                    + "and buys one order.")
    @ApiResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = ChallengeView.class)))
    @PostMapping(path = "/v1/store/captcha-challenges", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ChallengeView> challenge() {
        Captchas.Challenge challenge = captchas.issue();
        String image = "data:image/svg+xml;base64," + Base64.getEncoder().encodeToString(challenge.svg().getBytes(StandardCharsets.UTF_8));
        return ResponseEntity.status(201).cacheControl(CacheControl.noStore())
                .body(new ChallengeView(challenge.token(), image, challenge.expiresAt()));
    }

    /** A lookup's question. */
    @Schema(name = "OrderLookupRequest")
    record LookupRequest(@NotBlank @Size(max = 64) String orderId, @NotBlank @Size(max = 254) String email) {
    }

    /** Where an order stands, without its keys. */
    @Schema(name = "OrderLookup", requiredProperties = {"orderId", "status", "sku", "productName", "quantity", "amount", "currency",
            "createdAt", "refundedAmount"})
    record LookupView(String orderId, String status, String sku, String productName, int quantity, long amount, String currency,
                      Instant createdAt, Instant paidAt, Instant deliveredAt, long refundedAmount) {
        static LookupView of(OrderLookup.Found found) {
            return new LookupView(found.orderId(), found.status().name(), found.sku(), found.productName(), found.quantity(),
                    found.amount(), found.currency(), found.createdAt(), found.paidAt(), found.deliveredAt(), found.refundedAmount());
        }
    }

    @Operation(operationId = "lookUpOrder", summary = "Where an order stands, by its number and the buyer's email (never its keys)",
            description = "An unknown number and a wrong email get the same `404 order_not_found`. Each client address may look up "
                    + "10 orders per 10 minutes; past that, `429 rate_limited`. The card keys are shown only with the order's secret link.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    schema = @Schema(implementation = LookupRequest.class),
                    examples = @ExampleObject(name = "lookup", value = """
                            {"orderId":"ord_01kb2m7x8c9dqrstvwxyz01234","email":"alice@example.com"}"""))))
    @ApiResponse(responseCode = "200", description = "The order's state", content = @Content(schema = @Schema(implementation = LookupView.class)))
    @Refusals({ErrorCode.ORDER_NOT_FOUND, ErrorCode.RATE_LIMITED})
    @PostMapping(path = "/v1/store/order-lookups", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<LookupView> lookUp(@RequestBody(required = false) byte[] body, HttpServletRequest http) {
        if (!limits.allowsLookup(http.getRemoteAddr())) {
            // The budget comes back one lookup a minute.
            throw new ApiException(ErrorCode.RATE_LIMITED, "Too many order lookups from this address; retry in a minute",
                    java.util.Map.of("retryAfterSeconds", LOOKUP_RETRY_AFTER_SECONDS));
        }
        LookupRequest question = bodies.read(body, LookupRequest.class);
        LookupView found = lookup.find(question.orderId(), question.email()).map(LookupView::of)
                .orElseThrow(() -> new ApiException(ErrorCode.ORDER_NOT_FOUND, "No order with this number and email"));
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(found);
    }
}
