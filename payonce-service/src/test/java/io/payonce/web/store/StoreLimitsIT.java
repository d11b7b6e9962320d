package io.payonce.web.store;

import static io.payonce.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import io.payonce.captcha.CaptchaSolver;
import io.payonce.support.Api;
import io.payonce.support.Browser;
import io.payonce.support.IntegrationTest;
import io.payonce.support.RowCounts;
import io.payonce.support.Shop;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * The storefront's limits, with the rate limits on (every other test turns them off): a client
 * that buys too fast meets the captcha, and order lookups are held to their budget. The buckets
 * are per address and every test calls from 127.0.0.1, so a test that spends the free orders
 * leaves a fresh context behind it.
 */
@IntegrationTest
@TestPropertySource(properties = {
        "payonce.rate-limit.per-second=1000",
        "payonce.captcha.free-orders=" + StoreLimitsIT.FREE_ORDERS,
        "payonce.captcha.free-orders-window=1h",
})
class StoreLimitsIT {

    static final int FREE_ORDERS = 2;

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    Shop shop;

    @BeforeEach
    void setUp() {
        shop = new Shop(new Api(port));
    }

    @Test
    @DirtiesContext
    void a_browser_that_buys_too_fast_is_shown_a_challenge_and_buys_once_it_is_solved() {
        String sku = shop.stockedSku("fast", 300, 10);
        for (int i = 0; i < FREE_ORDERS; i++) {
            assertThat(shop.order(sku, 1, "free-" + i).status()).isEqualTo(201);
        }
        try (Browser browser = Browser.open()) {
            browser.go("http://127.0.0.1:" + port + "/product.html?sku=" + sku);
            browser.type("#email", "dave@example.com").click("#buy-button");
            String token = browser.visible("#captcha-image").getAttribute("data-token");
            assertThat(browser.text("#captcha")).contains("Many orders came from your network lately");
            assertThat(countOrders(sku)).isEqualTo(FREE_ORDERS);
            browser.screenshot("storefront-captcha");

            browser.type("#captcha-answer", wrong(CaptchaSolver.answer(jdbc, token))).click("#buy-button");
            String next = browser.until(driver -> {
                String shown = driver.findElement(org.openqa.selenium.By.id("captcha-image")).getAttribute("data-token");
                return shown.equals(token) ? null : shown;
            });
            assertThat(browser.text("#message")).contains("not right");
            assertThat(countOrders(sku)).isEqualTo(FREE_ORDERS);

            browser.type("#captcha-answer", CaptchaSolver.answer(jdbc, next)).click("#buy-button");
            browser.until(driver -> driver.getCurrentUrl().contains("/sandbox/alipay/pay/"));
            assertThat(countOrders(sku)).isEqualTo(FREE_ORDERS + 1);
        }
    }

    @Test
    @DirtiesContext
    void past_the_free_orders_an_order_needs_a_solved_challenge_that_buys_once_and_refusals_change_nothing() {
        String sku = shop.stockedSku("gate", 300, 10);
        assertThat(shop.order(sku, 1, "free-0").status()).isEqualTo(201);
        // A replay of a created order spends no free order: the second one is still free.
        assertThat(shop.order(sku, 1, "free-0").header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(shop.order(sku, 1, "free-1").status()).isEqualTo(201);
        Map<String, Long> before = RowCounts.of(jdbc);

        Api.Answer missing = shop.order(sku, 1, "past-1");
        String token = challenge();
        Api.Answer wrongAnswer = orderWithCaptcha(sku, "past-1", token, wrong(CaptchaSolver.answer(jdbc, token)));
        Api.Answer spentToken = orderWithCaptcha(sku, "past-1", token, CaptchaSolver.answer(jdbc, token));
        Api.Answer forged = orderWithCaptcha(sku, "past-1", token.substring(0, token.length() - 2) + "xx", "20");
        Api.Answer notANumber = orderWithCaptcha(sku, "past-1", challenge(), "twenty");

        assertProblem(missing, 428, "captcha_required");
        assertProblem(wrongAnswer, 403, "captcha_wrong");
        assertProblem(spentToken, 403, "captcha_wrong");
        assertProblem(forged, 403, "captcha_wrong");
        assertProblem(notANumber, 403, "captcha_wrong");
        assertThat(RowCounts.of(jdbc)).as("refusals change nothing but the spent challenges")
                .isEqualTo(withCaptchaUses(before, RowCounts.of(jdbc)));

        String solvable = challenge();
        String answer = CaptchaSolver.answer(jdbc, solvable);
        Api.Answer solved = orderWithCaptcha(sku, "past-1", solvable, answer);
        Api.Answer again = orderWithCaptcha(sku, "past-2", solvable, answer);

        assertThat(solved.status()).as(solved.body()).isEqualTo(201);
        assertProblem(again, 403, "captcha_wrong");
        assertThat(countOrders(sku)).isEqualTo(FREE_ORDERS + 1);
    }

    @Test
    void the_admin_token_and_merchant_keys_are_never_asked_for_a_challenge() {
        String sku = shop.stockedSku("backend", 300, 10);
        Api admin = new Api(port).bearer(IntegrationTest.ADMIN_TOKEN);
        for (int i = 0; i < FREE_ORDERS + 3; i++) {
            Api.Answer created = admin.postIdempotent("/v1/orders", "{\"sku\":\"" + sku + "\",\"quantity\":1}", "backend-" + i);
            assertThat(created.status()).as(created.body()).isEqualTo(201);
        }
    }

    @Test
    void order_lookups_past_their_budget_are_refused_with_429_whatever_they_ask() {
        Api anonymous = new Api(port);
        String body = "{\"orderId\":\"ord_0000000000zzzzzzzzzzzzzzzz\",\"email\":\"x@example.com\"}";
        for (int i = 0; i < StoreLimits.LOOKUPS_PER_WINDOW; i++) {
            assertProblem(anonymous.post("/v1/store/order-lookups", body), 404, "order_not_found");
        }

        Api.Answer refused = anonymous.post("/v1/store/order-lookups", body);

        assertProblem(refused, 429, "rate_limited");
        assertThat(refused.header("Retry-After")).isNotNull();
    }

    private String challenge() {
        Api.Answer issued = new Api(port).post("/v1/store/captcha-challenges", "");
        assertThat(issued.status()).as(issued.body()).isEqualTo(201);
        assertThat(issued.header("Cache-Control")).isEqualTo("no-store");
        assertThat(issued.json().path("image").stringValue()).startsWith("data:image/svg+xml;base64,");
        return issued.json().path("token").stringValue();
    }

    private Api.Answer orderWithCaptcha(String sku, String key, String token, String answer) {
        return shop.api().post("/v1/orders", "{\"sku\":\"" + sku + "\",\"quantity\":1,\"buyer\":{\"email\":\"e@example.com\"}}",
                Map.of("Idempotency-Key", key, "X-Captcha-Token", token, "X-Captcha-Answer", answer));
    }

    private static String wrong(String answer) {
        return String.valueOf(Integer.parseInt(answer) + 1);
    }

    private long countOrders(String sku) {
        return jdbc.sql("SELECT count(*) FROM orders WHERE sku = ?").param(sku).query(Long.class).single();
    }

    /** The counts before, except for the captcha's own tables, which refusals are allowed to write. */
    private static Map<String, Long> withCaptchaUses(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> expected = new java.util.TreeMap<>(before);
        for (String table : java.util.List.of("captcha_uses", "captcha_secret")) {
            if (after.containsKey(table)) {
                expected.put(table, after.get(table));
            }
        }
        return expected;
    }
}
