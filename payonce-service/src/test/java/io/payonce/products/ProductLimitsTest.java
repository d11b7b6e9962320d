package io.payonce.products;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.payonce.membership.MembershipGrants;
import io.payonce.orders.OrderLimits;
import org.junit.jupiter.api.Test;

/** The limits that other limits were derived from agree: no amount overflows, no order is free. */
class ProductLimitsTest {

    @Test
    void the_dearest_order_fits_a_long_with_room_to_spare() {
        assertThatCode(() -> Math.multiplyExact(CreateProductRequest.PRICE_MAX, (long) OrderLimits.QUANTITY_MAX))
                .doesNotThrowAnyException();
        assertThat(CreateProductRequest.PRICE_MAX * OrderLimits.QUANTITY_MAX).isLessThan(Long.MAX_VALUE / 1_000_000);
    }

    @Test
    void no_product_is_free_and_one_product_period_fits_the_membership_bound() {
        assertThat(CreateProductRequest.PRICE_MIN).isPositive();
        assertThat(CreateProductRequest.MEMBERSHIP_DAYS_MAX).isLessThan(MembershipGrants.EXPIRY_HORIZON_DAYS);
    }
}
