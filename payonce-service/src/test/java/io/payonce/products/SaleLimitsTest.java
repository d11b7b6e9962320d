package io.payonce.products;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.payonce.common.Refusal;
import io.payonce.orders.OrderLimits;
import org.junit.jupiter.api.Test;

class SaleLimitsTest {

    @Test
    void a_products_order_quantity_bound_is_the_global_one() {
        assertThat(SaleLimits.ORDER_QUANTITY_MAX).isEqualTo(OrderLimits.QUANTITY_MAX);
    }

    @Test
    void a_product_without_limits_of_its_own_has_none() {
        Product product = request(null, null, null, null).toProduct();

        assertThat(product.limits()).isEqualTo(SaleLimits.NONE);
    }

    @Test
    void a_products_own_limits_are_kept() {
        Product product = request(3, 120, true, 50).toProduct();

        assertThat(product.limits()).isEqualTo(new SaleLimits(3, 120, true, 50));
    }

    @Test
    void limits_out_of_their_bounds_are_refused_each_by_name() {
        assertThatThrownBy(() -> request(0, 29, false, 0).toProduct())
                .isInstanceOf(Refusal.class)
                .hasMessageContaining("orderQuantityMax must be between 1 and 100")
                .hasMessageContaining("reservationSeconds must be between 30 and 86400")
                .hasMessageContaining("unpaidUnitsMax must be between 1 and 1000000");
        assertThatThrownBy(() -> request(101, 86_401, false, 1_000_001).toProduct()).isInstanceOf(Refusal.class);
        assertThatThrownBy(() -> request(null, null, null, null, 1.5).toProduct())
                .hasMessageContaining("unpaidUnitsMax must be a whole number");
    }

    @Test
    void each_limit_exactly_at_its_bounds_is_accepted() {
        assertThat(request(1, 30, false, 1).toProduct().limits()).isEqualTo(new SaleLimits(1, 30, false, 1));
        assertThat(request(100, 86_400, true, 1_000_000).toProduct().limits())
                .isEqualTo(new SaleLimits(100, 86_400, true, 1_000_000));
    }

    @Test
    void each_limit_one_past_its_bounds_is_refused_by_name() {
        assertThatThrownBy(() -> request(101, null, null, null).toProduct())
                .hasMessageContaining("orderQuantityMax must be between 1 and 100");
        assertThatThrownBy(() -> request(null, 86_401, null, null).toProduct())
                .hasMessageContaining("reservationSeconds must be between 30 and 86400");
        assertThatThrownBy(() -> request(null, null, null, 1_000_001).toProduct())
                .hasMessageContaining("unpaidUnitsMax must be between 1 and 1000000");
    }

    @Test
    void a_flash_sale_flag_left_out_means_no_flash_sale() {
        assertThat(request(null, null, null, null).toProduct().limits().flashSale()).isFalse();
        assertThat(request(null, null, false, null).toProduct().limits().flashSale()).isFalse();
        assertThat(request(null, null, true, null).toProduct().limits().flashSale()).isTrue();
    }

    private static CreateProductRequest request(Integer quantityMax, Integer reservationSeconds, Boolean flashSale, Integer unpaidMax) {
        return request(quantityMax, reservationSeconds, flashSale, unpaidMax, unpaidMax);
    }

    private static CreateProductRequest request(Integer quantityMax, Integer reservationSeconds, Boolean flashSale, Integer ignored,
                                                Number unpaidMax) {
        return new CreateProductRequest("sku-1", "Game key", "CARD_KEY", 1999, "CNY", null, quantityMax, reservationSeconds,
                flashSale, unpaidMax);
    }
}
