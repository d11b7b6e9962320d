package io.payonce.products;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;

import io.payonce.common.Refusal;
import org.junit.jupiter.api.Test;

class UpdateProductRequestTest {

    @Test
    void a_name_a_price_or_both_make_a_change_and_what_is_not_sent_stays() {
        assertThat(new UpdateProductRequest("New name", null).toChange()).isEqualTo(new UpdateProductRequest.Change("New name", null));
        assertThat(new UpdateProductRequest(null, 2499).toChange()).isEqualTo(new UpdateProductRequest.Change(null, 2499L));
        assertThat(new UpdateProductRequest("N", 2499L).toChange()).isEqualTo(new UpdateProductRequest.Change("N", 2499L));
    }

    @Test
    void the_price_bounds_are_the_ones_of_a_new_product() {
        assertThat(new UpdateProductRequest(null, CreateProductRequest.PRICE_MIN).toChange().price()).isEqualTo(1L);
        assertThat(new UpdateProductRequest(null, CreateProductRequest.PRICE_MAX).toChange().price()).isEqualTo(CreateProductRequest.PRICE_MAX);
        assertThat(new UpdateProductRequest(null, 1).toChange().price()).isEqualTo(1L);
        assertThat(new UpdateProductRequest(null, Integer.MAX_VALUE).toChange().price()).isEqualTo((long) Integer.MAX_VALUE);
        refused(new UpdateProductRequest(null, 0), "price must be between 1 and 10000000000");
        refused(new UpdateProductRequest(null, 0L), "price must be between");
        refused(new UpdateProductRequest(null, CreateProductRequest.PRICE_MAX + 1), "price must be between");
        refused(new UpdateProductRequest(null, -5), "price must be between");
        refused(new UpdateProductRequest(null, new BigInteger("99999999999999999999999")), "price must be between");
        refused(new UpdateProductRequest(null, 19.99), "whole number of minor units");
    }

    @Test
    void a_blank_long_or_unprintable_name_is_refused() {
        assertThat(new UpdateProductRequest("x".repeat(200), null).toChange().name()).hasSize(200);
        refused(new UpdateProductRequest("x".repeat(201), null), "name must be 1 to 200");
        refused(new UpdateProductRequest("  ", null), "name must be 1 to 200");
        refused(new UpdateProductRequest("", null), "name must be 1 to 200");
        refused(new UpdateProductRequest("a\u0000b", null), "control characters");
        refused(new UpdateProductRequest("a\ud800b", null), "control characters");
    }

    @Test
    void a_price_alone_that_is_out_of_range_is_refused_with_that_problem_only() {
        assertThatThrownBy(new UpdateProductRequest(null, 0)::toChange).isInstanceOf(Refusal.class)
                .hasMessage("price must be between 1 and 10000000000");
        assertThatThrownBy(new UpdateProductRequest("", null)::toChange).isInstanceOf(Refusal.class)
                .hasMessage("name must be 1 to 200 characters and not blank");
    }

    @Test
    void every_problem_is_named_at_once_and_an_empty_change_is_refused() {
        refused(new UpdateProductRequest("", 0), "name must be 1 to 200 characters and not blank; price must be between");
        refused(new UpdateProductRequest(null, null), "Send name, price or both");
    }

    private static void refused(UpdateProductRequest request, String detail) {
        assertThatThrownBy(request::toChange).isInstanceOf(Refusal.class).hasMessageContaining(detail)
                .extracting(e -> ((Refusal) e).reason()).isEqualTo(Refusal.Reason.INVALID_REQUEST);
    }
}
