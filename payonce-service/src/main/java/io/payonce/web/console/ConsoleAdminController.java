package io.payonce.web.console;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;

import io.payonce.common.Ids;
import io.payonce.console.CatalogOverview;
import io.payonce.console.DashboardStats;
import io.payonce.console.MembershipOverview;
import io.payonce.console.OrderSearch;
import io.payonce.products.ProductResponse;
import io.payonce.products.ProductService;
import io.payonce.products.UpdateProductRequest;
import io.payonce.web.ApiException;
import io.payonce.web.ErrorCode;
import io.payonce.web.openapi.Refusals;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The admin reads the owner's console needs (and any admin client may use): the dashboard's figures,
 * products with stock, order search and an order's timeline, calling systems and members; and a
 * product's name and price changed for future orders. Scope: admin (the /v1/admin default), catalog
 * for the product change.
 */
@RestController
@Tag(name = "Console", description = "The owner's console: session login, lock-out, CSRF")
class ConsoleAdminController {

    private static final int QUERY_CHARS_MAX = 320;

    private final DashboardStats stats;
    private final CatalogOverview catalog;
    private final ProductService products;
    private final OrderSearch orders;
    private final MembershipOverview memberships;

    ConsoleAdminController(DashboardStats stats, CatalogOverview catalog, ProductService products, OrderSearch orders,
                           MembershipOverview memberships) {
        this.stats = stats;
        this.catalog = catalog;
        this.products = products;
        this.orders = orders;
        this.memberships = memberships;
    }

    /** Named apart from the storefront's ProductList: springdoc keeps one schema per name, so the two would merge. */
    @Schema(name = "AdminProductList")
    record ProductList(List<CatalogOverview.ProductRow> products) {
    }

    record OrderList(List<OrderSearch.OrderRow> orders) {
    }

    record SystemList(List<MembershipOverview.SystemRow> systems) {
    }

    record MemberList(List<MembershipOverview.MemberRow> members) {
    }

    @Operation(operationId = "getAdminStats", summary = "Sales since a moment, orders and payments by status, open money exceptions, the last hour's rate",
            description = "`since` (an instant, default midnight UTC today) bounds sales (orders paid since), orders and payments "
                    + "(created since); open money exceptions are all of them; `rate` is the last 60 minutes, one point a minute.")
    @ApiResponse(responseCode = "200", description = "The figures", content = @Content(schema = @Schema(implementation = DashboardStats.Stats.class)))
    @Refusals(ErrorCode.INVALID_REQUEST)
    @GetMapping(path = "/v1/admin/stats", produces = MediaType.APPLICATION_JSON_VALUE)
    DashboardStats.Stats stats(@Parameter(schema = @Schema(type = "string", format = "date-time", example = "2026-11-30T16:00:00Z"))
                               @RequestParam(required = false) String since) {
        return stats.since(since == null ? LocalDate.now(ZoneOffset.UTC).atStartOfDay(ZoneOffset.UTC).toInstant() : instant(since));
    }

    @Operation(operationId = "listAdminProducts", summary = "Every product with its card keys by state (available, reserved, delivered)")
    @ApiResponse(responseCode = "200", description = "The products", content = @Content(schema = @Schema(implementation = ProductList.class)))
    @GetMapping(path = "/v1/admin/products", produces = MediaType.APPLICATION_JSON_VALUE)
    ProductList products() {
        return new ProductList(catalog.products());
    }

    @Operation(operationId = "updateProduct", summary = "Change a product's name or price, for orders created from now on",
            description = "Orders already created keep the amount they were created with: what a buyer was charged, and what "
                    + "may be refunded, never changes. Kind, currency and membership days cannot change.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    schema = @Schema(implementation = UpdateProductRequest.class),
                    examples = @ExampleObject(name = "new price", value = "{\"price\":2499}"))))
    @ApiResponse(responseCode = "200", description = "The product as changed", content = @Content(schema = @Schema(implementation = ProductResponse.class)))
    @Refusals({ErrorCode.INVALID_REQUEST, ErrorCode.PRODUCT_NOT_FOUND})
    @PatchMapping(path = "/v1/admin/products/{sku}", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    ProductResponse update(@PathVariable String sku, @RequestBody UpdateProductRequest body) {
        return products.update(sku, body.toChange());
    }

    @Operation(operationId = "searchOrders", summary = "Orders newest first, by order number, buyer email or user id, and status")
    @ApiResponse(responseCode = "200", description = "The orders found", content = @Content(schema = @Schema(implementation = OrderList.class)))
    @Refusals(ErrorCode.INVALID_REQUEST)
    @GetMapping(path = "/v1/admin/orders", produces = MediaType.APPLICATION_JSON_VALUE)
    OrderList searchOrders(@Parameter(description = "An order number (`ord_...`), an email (any case) or a buyer's user id")
                           @RequestParam(required = false) String q,
                           @Parameter(schema = @Schema(allowableValues = {"PENDING_PAYMENT", "PAID", "DELIVERED", "CANCELLED", "EXPIRED",
                                   "PARTIALLY_REFUNDED", "REFUNDED"})) @RequestParam(required = false) String status,
                           @Parameter(schema = @Schema(minimum = "1", maximum = "200", defaultValue = "50"))
                           @RequestParam(defaultValue = "50") int limit) {
        if (q != null && q.length() > QUERY_CHARS_MAX) {
            throw new ApiException(ErrorCode.INVALID_REQUEST, "q: at most " + QUERY_CHARS_MAX + " characters");
        }
        if (status != null && !status.isEmpty() && !List.of("PENDING_PAYMENT", "PAID", "DELIVERED", "CANCELLED", "EXPIRED",
                "PARTIALLY_REFUNDED", "REFUNDED").contains(status)) {
            throw new ApiException(ErrorCode.INVALID_REQUEST, "status: not an order status");
        }
        return new OrderList(orders.search(q, status, limit(limit, OrderSearch.LIMIT_MAX)));
    }

    @Operation(operationId = "getAdminOrder", summary = "An order with its payments, refunds, money exceptions and timeline (no card-key codes)")
    @ApiResponse(responseCode = "200", description = "The order", content = @Content(schema = @Schema(implementation = OrderSearch.Detail.class)))
    @Refusals(ErrorCode.ORDER_NOT_FOUND)
    @GetMapping(path = "/v1/admin/orders/{orderId}", produces = MediaType.APPLICATION_JSON_VALUE)
    OrderSearch.Detail order(@PathVariable String orderId) {
        return (Ids.wellFormed(orderId, "ord") ? orders.detail(orderId) : java.util.Optional.<OrderSearch.Detail>empty())
                .orElseThrow(() -> new ApiException(ErrorCode.ORDER_NOT_FOUND, "No order with this id"));
    }

    @Operation(operationId = "listSystems", summary = "Calling systems of the membership API, with their member counts")
    @ApiResponse(responseCode = "200", description = "The systems", content = @Content(schema = @Schema(implementation = SystemList.class)))
    @GetMapping(path = "/v1/admin/systems", produces = MediaType.APPLICATION_JSON_VALUE)
    SystemList systems() {
        return new SystemList(memberships.systems());
    }

    @Operation(operationId = "listMembers", summary = "Members of a calling system, most recently extended first, or one by user id")
    @ApiResponse(responseCode = "200", description = "The members", content = @Content(schema = @Schema(implementation = MemberList.class)))
    @Refusals(ErrorCode.INVALID_REQUEST)
    @GetMapping(path = "/v1/admin/systems/{systemId}/members", produces = MediaType.APPLICATION_JSON_VALUE)
    MemberList members(@PathVariable String systemId, @RequestParam(required = false) String userId,
                       @Parameter(schema = @Schema(minimum = "1", maximum = "200", defaultValue = "50"))
                       @RequestParam(defaultValue = "50") int limit) {
        if (userId != null && userId.length() > 128) {
            throw new ApiException(ErrorCode.INVALID_REQUEST, "userId: at most 128 characters");
        }
        return new MemberList(memberships.members(systemId, userId, limit(limit, MembershipOverview.LIMIT_MAX)));
    }

    private static int limit(int limit, int max) {
        if (limit < 1 || limit > max) {
            throw new ApiException(ErrorCode.INVALID_REQUEST, "limit: must be between 1 and " + max);
        }
        return limit;
    }

    private static Instant instant(String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new ApiException(ErrorCode.INVALID_REQUEST, "since: must be an instant such as 2026-11-30T16:00:00Z");
        }
    }
}
