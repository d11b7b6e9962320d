package io.payonce.web.shop;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.payonce.orders.OrderLimits;
import io.swagger.v3.oas.annotations.media.Schema;
import io.payonce.payments.RefundService;

/** Request bodies of the order endpoints, with their documented limits. */
final class ShopRequests {

    private ShopRequests() {
    }

    /** {@code quantity} is a long so that a huge number is a clear 400, not an overflow. */
    @Schema(name = "CreateOrderRequest")
    record CreateOrder(
            @NotNull @Pattern(regexp = "[A-Za-z0-9._-]{1,64}", message = "must be 1 to 64 of A-Z a-z 0-9 . _ -") String sku,
            @NotNull @Min(1) @Max(OrderLimits.QUANTITY_MAX) Long quantity,
            @Valid Buyer buyer) {
    }

    /** Who buys: a userId is required for memberships; an email is kept for the receipt. */
    @Schema(name = "Buyer")
    record Buyer(
            @Size(min = 1, max = 64) @Pattern(regexp = "[\\x21-\\x7e]+", message = "must be printable ASCII without spaces") String userId,
            @Size(max = 254) @Email String email) {
    }

    @Schema(name = "CreatePaymentRequest", description = "The body may be left out: the channel is then alipay")
    record CreatePayment(@Pattern(regexp = "[a-z0-9_]{1,32}", message = "must be 1 to 32 of a-z 0-9 _") String channel) {
    }

    @Schema(name = "CreateRefundRequest")
    record CreateRefund(@NotNull @Min(1) @Max(RefundService.AMOUNT_MAX)
                        @Schema(description = "Minor units; at most what is paid and not yet refunded") Long amount) {
    }
}
