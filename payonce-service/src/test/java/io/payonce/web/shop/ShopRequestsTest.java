package io.payonce.web.shop;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.stream.Collectors;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;

import io.payonce.payments.RefundService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The order endpoints' body limits, each exactly at its limit and one past it, checked by the same
 * Bean Validation the controllers run (OrderInputIT covers the HTTP answer for a few of them).
 */
class ShopRequestsTest {

    private static final ValidatorFactory FACTORY = Validation.buildDefaultValidatorFactory();
    private static final Validator VALIDATOR = FACTORY.getValidator();
    private static final ShopRequests.Buyer BUYER = new ShopRequests.Buyer("user-42", "buyer@example.com");

    @AfterAll
    static void close() {
        FACTORY.close();
    }

    @Test
    void a_quantity_of_1_and_of_100_is_valid() {
        assertThat(problems(new ShopRequests.CreateOrder("game-key", 1L, BUYER))).isEmpty();
        assertThat(problems(new ShopRequests.CreateOrder("game-key", 100L, BUYER))).isEmpty();
    }

    @Test
    void a_quantity_of_0_or_101_or_none_is_refused() {
        assertThat(problems(new ShopRequests.CreateOrder("game-key", 0L, BUYER))).containsExactly("quantity: Min");
        assertThat(problems(new ShopRequests.CreateOrder("game-key", 101L, BUYER))).containsExactly("quantity: Max");
        assertThat(problems(new ShopRequests.CreateOrder("game-key", null, BUYER))).containsExactly("quantity: NotNull");
    }

    @Test
    void a_sku_of_64_characters_is_valid_and_of_65_is_refused() {
        assertThat(problems(new ShopRequests.CreateOrder("k".repeat(64), 1L, BUYER))).isEmpty();
        assertThat(problems(new ShopRequests.CreateOrder("k".repeat(65), 1L, BUYER))).containsExactly("sku: Pattern");
    }

    @Test
    void a_buyer_id_of_64_printable_characters_is_valid_and_of_65_or_with_a_space_is_refused() {
        assertThat(problems(order(new ShopRequests.Buyer("u".repeat(64), null)))).isEmpty();
        assertThat(problems(order(new ShopRequests.Buyer("u".repeat(65), null)))).containsExactly("buyer.userId: Size");
        assertThat(problems(order(new ShopRequests.Buyer("user 42", null)))).containsExactly("buyer.userId: Pattern");
    }

    @Test
    void an_email_of_254_characters_is_valid_and_of_255_is_refused() {
        // Both are well-formed (a 64-character local part, labels of at most 63): only the length differs.
        String atLimit = email(58);
        String past = email(59);

        assertThat(atLimit).hasSize(254);
        assertThat(problems(order(new ShopRequests.Buyer(null, atLimit)))).isEmpty();
        assertThat(problems(order(new ShopRequests.Buyer(null, past)))).containsExactly("buyer.email: Size");
    }

    @Test
    void a_refund_of_1_and_of_the_maximum_is_valid_and_0_or_one_more_is_refused() {
        assertThat(problems(new ShopRequests.CreateRefund(1L))).isEmpty();
        assertThat(problems(new ShopRequests.CreateRefund(RefundService.AMOUNT_MAX))).isEmpty();
        assertThat(problems(new ShopRequests.CreateRefund(0L))).containsExactly("amount: Min");
        assertThat(problems(new ShopRequests.CreateRefund(RefundService.AMOUNT_MAX + 1))).containsExactly("amount: Max");
    }

    @Test
    void a_channel_name_of_32_characters_is_valid_and_of_33_is_refused() {
        assertThat(problems(new ShopRequests.CreatePayment("c".repeat(32)))).isEmpty();
        assertThat(problems(new ShopRequests.CreatePayment("c".repeat(33)))).containsExactly("channel: Pattern");
    }

    private static String email(int lastLabelLength) {
        return "b".repeat(64) + "@" + "d".repeat(63) + "." + "d".repeat(63) + "." + "d".repeat(lastLabelLength) + ".io";
    }

    private static ShopRequests.CreateOrder order(ShopRequests.Buyer buyer) {
        return new ShopRequests.CreateOrder("game-key", 1L, buyer);
    }

    /** Each broken limit as "field: constraint". */
    private static Set<String> problems(Object body) {
        return VALIDATOR.validate(body).stream().map(ShopRequestsTest::describe).collect(Collectors.toSet());
    }

    private static String describe(ConstraintViolation<Object> violation) {
        return violation.getPropertyPath() + ": "
                + violation.getConstraintDescriptor().getAnnotation().annotationType().getSimpleName();
    }
}
