package io.payonce.products;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;

import io.payonce.common.Refusal;
import org.junit.jupiter.api.Test;

/** Every field of a new product at its limit and one past it; a refusal names each problem. */
class CreateProductRequestTest {

    private static final String KEY = "CARD_KEY";

    @Test
    void a_card_key_product_without_a_currency_is_priced_in_cny() {
        Product product = request("game-key", "Game key", KEY, 1999, null, null).toProduct();

        assertThat(product).isEqualTo(new Product("game-key", "Game key", ProductKind.CARD_KEY, 1999, "CNY", null));
    }

    @Test
    void a_membership_product_keeps_its_days_and_currency() {
        Product product = request("vip-30", "VIP", "MEMBERSHIP", 3000, "USD", 30).toProduct();

        assertThat(product).isEqualTo(new Product("vip-30", "VIP", ProductKind.MEMBERSHIP, 3000, "USD", 30));
    }

    @Test
    void a_price_of_one_minor_unit_and_of_exactly_the_maximum_are_accepted() {
        assertThat(request("one", "One", KEY, 1, null, null).toProduct().price()).isEqualTo(1);
        assertThat(request("one", "One", KEY, 1L, null, null).toProduct().price()).isEqualTo(1);
        assertThat(request("max", "Max", KEY, CreateProductRequest.PRICE_MAX, null, null).toProduct().price())
                .isEqualTo(100_000_000_00L);
    }

    @Test
    void a_free_price_or_one_past_the_maximum_is_refused() {
        assertRefused(request("free", "Free", KEY, 0, null, null), "price must be between 1 and 10000000000");
        assertRefused(request("free", "Free", KEY, 0L, null, null), "price must be between 1 and 10000000000");
        assertRefused(request("big", "Big", KEY, CreateProductRequest.PRICE_MAX + 1, null, null),
                "price must be between 1 and 10000000000");
        assertRefused(request("huge", "Huge", KEY, new BigInteger("99999999999999999999"), null, null),
                "price must be between 1 and 10000000000");
    }

    @Test
    void a_price_with_a_fraction_is_refused_as_not_minor_units_never_truncated() {
        assertRefused(request("frac", "Frac", KEY, 19.99, null, null),
                "price must be a whole number of minor units (1999 means 19.99)");
        assertRefused(request("none", "None", KEY, null, null, null), "price is required");
    }

    @Test
    void membership_days_of_1_and_3650_are_accepted() {
        assertThat(request("d1", "D", "MEMBERSHIP", 100, null, 1).toProduct().membershipDays()).isEqualTo(1);
        assertThat(request("d3650", "D", "MEMBERSHIP", 100, null, 3650).toProduct().membershipDays()).isEqualTo(3650);
    }

    @Test
    void membership_days_of_0_and_3651_are_refused() {
        assertRefused(request("d0", "D", "MEMBERSHIP", 100, null, 0), "membershipDays must be between 1 and 3650");
        assertRefused(request("d3651", "D", "MEMBERSHIP", 100, null, 3651), "membershipDays must be between 1 and 3650");
    }

    @Test
    void membership_days_are_required_for_memberships_only_and_whole() {
        assertRefused(request("vip", "VIP", "MEMBERSHIP", 100, null, null), "membershipDays is required for MEMBERSHIP products");
        assertRefused(request("key", "Key", KEY, 100, null, 30), "membershipDays is only for MEMBERSHIP products");
        assertRefused(request("vip", "VIP", "MEMBERSHIP", 100, null, 1.5), "membershipDays must be a whole number");
        assertThatThrownBy(() -> request("vip", "VIP", "MEMBERSHIP", 100, null, 1.5).toProduct())
                .hasMessageNotContaining("minor units");
    }

    @Test
    void a_sku_of_64_characters_is_accepted_and_of_65_is_refused() {
        assertThat(request("s".repeat(64), "Name", KEY, 1, null, null).toProduct().sku()).hasSize(64);
        assertRefused(request("s".repeat(65), "Name", KEY, 1, null, null), "sku must be 1 to 64 characters");
        assertRefused(request(null, "Name", KEY, 1, null, null), "sku must be 1 to 64 characters");
        assertThat(CreateProductRequest.isValidSku("a.b_c-D9")).isTrue();
        assertThat(CreateProductRequest.isValidSku("a/b")).isFalse();
        assertThat(CreateProductRequest.isValidSku(null)).isFalse();
    }

    @Test
    void a_name_of_200_characters_is_accepted_counting_emoji_as_one_and_201_is_refused() {
        String emoji = "\uD83D\uDD11";
        assertThat(request("n", emoji.repeat(200), KEY, 1, null, null).toProduct().name()).hasSize(400);
        assertRefused(request("n", emoji.repeat(201), KEY, 1, null, null), "name must be 1 to 200 characters and not blank");
    }

    @Test
    void a_blank_missing_or_unprintable_name_is_refused() {
        assertRefused(request("n", "   ", KEY, 1, null, null), "name must be 1 to 200 characters and not blank");
        assertRefused(request("n", null, KEY, 1, null, null), "name is required");
        assertRefused(request("n", "nul\u0000", KEY, 1, null, null), "name must not contain control characters");
        assertRefused(request("n", "half \uD83D", KEY, 1, null, null), "unpaired surrogates");
    }

    @Test
    void a_kind_or_currency_the_shop_does_not_know_is_refused() {
        assertRefused(request("k", "K", "GIFT", 1, null, null), "kind must be CARD_KEY or MEMBERSHIP");
        assertRefused(request("k", "K", null, 1, null, null), "kind must be CARD_KEY or MEMBERSHIP");
        assertRefused(request("c", "C", KEY, 1, "usd", null), "currency must be an ISO 4217 code");
        assertRefused(request("c", "C", KEY, 1, "ABC", null), "currency must be an ISO 4217 code");
        assertRefused(request("c", "C", KEY, 1, "US", null), "currency must be an ISO 4217 code");
    }

    @Test
    void a_card_key_product_may_be_queued_and_is_not_unless_asked() {
        assertThat(queued("CARD_KEY", null, true).toProduct().limits().queued()).isTrue();
        assertThat(queued("CARD_KEY", null, false).toProduct().limits().queued()).isFalse();
        assertThat(request("k", "K", KEY, 1, null, null).toProduct().limits().queued()).isFalse();
    }

    @Test
    void a_queued_membership_is_refused_as_it_has_no_stock_to_wait_for() {
        assertRefused(queued("MEMBERSHIP", 30, true), "queued is only for CARD_KEY products");
        assertThat(queued("MEMBERSHIP", 30, false).toProduct().limits().queued()).isFalse();
    }

    @Test
    void every_problem_is_named_in_one_refusal() {
        assertRefused(request("bad sku", "", "GIFT", 0, "usd", null),
                "sku must be 1 to 64 characters of A-Z, a-z, 0-9, '.', '_' and '-'; name must be 1 to 200 characters and not blank; "
                        + "kind must be CARD_KEY or MEMBERSHIP; price must be between 1 and 10000000000; "
                        + "currency must be an ISO 4217 code in capitals, such as CNY or USD");
    }

    private static CreateProductRequest request(String sku, String name, String kind, Number price, String currency, Number days) {
        return new CreateProductRequest(sku, name, kind, price, currency, days, null, null, null, null);
    }

    private static CreateProductRequest queued(String kind, Integer days, boolean queued) {
        return new CreateProductRequest("q", "Q", kind, 1, null, days, null, null, null, null, queued);
    }

    private static void assertRefused(CreateProductRequest request, String detail) {
        assertThatThrownBy(request::toProduct)
                .isInstanceOfSatisfying(Refusal.class, e -> assertThat(e.reason()).isEqualTo(Refusal.Reason.INVALID_REQUEST))
                .hasMessageContaining(detail);
    }
}
