package io.payonce.web.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.payonce.support.Api;
import io.payonce.support.Browser;
import io.payonce.support.IntegrationTest;
import io.payonce.support.Shop;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A buyer in a real browser (headless Debian Chromium): the storefront's pages against a full
 * payonce and the sandbox gateway's pay page. Each test saves screenshots of the pages it passes
 * to target/screenshots/.
 */
@IntegrationTest
class StorefrontBrowserIT {

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
    void a_buyer_buys_a_card_key_end_to_end_and_reads_it_on_the_orders_secret_page() {
        String sku = Shop.uniqueSku("browser");
        shop.cardKeyProduct(sku, 1999);
        List<String> codes = shop.importKeys(sku, 3);
        try (Browser browser = Browser.open()) {
            browser.go(base() + "/");
            WebElement card = browser.visible("a.product[data-sku='" + sku + "']");
            assertThat(card.getText()).contains("Test " + sku).contains("19.99").contains("In stock: 3");
            browser.screenshot("storefront-products");

            card.click();
            assertThat(browser.text("#product-name")).isEqualTo("Test " + sku);
            browser.type("#email", "alice@example.com");
            browser.screenshot("storefront-product");
            browser.click("#buy-button");

            browser.until(driver -> driver.getCurrentUrl().contains("/sandbox/alipay/pay/"));
            assertThat(browser.text("#status")).isEqualTo("WAIT_BUYER_PAY");
            browser.screenshot("sandbox-gateway-pay-page");
            browser.click("#pay");

            browser.until(driver -> driver.getCurrentUrl().startsWith(base() + "/order.html#"));
            browser.visible("#status[data-status='DELIVERED']");
            String key = browser.text("#card-keys .card-key");
            assertThat(browser.present("#card-keys .copy-key")).isTrue();
            browser.screenshot("storefront-order");

            String orderId = browser.text("#order-id");
            assertThat(key).isEqualTo(deliveredCode(orderId));
            assertThat(codes).contains(key);
            assertThat(browser.url()).contains("order=" + orderId).contains("token=ot_");
            assertThat(countOrders(sku)).isEqualTo(1);
        }
    }

    @Test
    void a_double_clicked_buy_makes_one_order_even_when_the_disabled_button_does_not_stop_the_second_click() {
        String sku = shop.stockedSku("double", 500, 5);
        try (Browser browser = Browser.open()) {
            browser.go(base() + "/product.html?sku=" + sku);
            browser.type("#email", "bob@example.com");
            // Two submits in one tick, the button re-enabled between them: only the Idempotency-Key holds them to one order.
            browser.script("""
                    const button = document.getElementById('buy-button');
                    button.click();
                    button.disabled = false;
                    button.click();""");

            browser.until(driver -> driver.getCurrentUrl().contains("/sandbox/alipay/pay/"));
            assertThat(countOrders(sku)).isEqualTo(1);
            assertThat(payments(sku)).isEqualTo(1);
        }
    }

    @Test
    void a_reload_while_the_order_is_being_created_finishes_that_same_order() {
        String sku = shop.stockedSku("reload", 500, 5);
        try (Browser browser = Browser.open()) {
            browser.go(base() + "/product.html?sku=" + sku);
            browser.type("#email", "carol@example.com");
            browser.script("document.getElementById('buy-button').click(); location.reload();");

            browser.until(driver -> driver.getCurrentUrl().contains("/sandbox/alipay/pay/"));
            assertThat(countOrders(sku)).isEqualTo(1);
        }
    }

    @Test
    void the_order_page_without_its_secret_or_with_a_wrong_one_shows_nothing_of_the_order() {
        String sku = shop.stockedSku("secret", 700, 1);
        String orderId = shop.paidOrder(sku, 1);
        shop.awaitStatus(orderId, "DELIVERED");
        String code = deliveredCode(orderId);
        try (Browser browser = Browser.open()) {
            browser.go(base() + "/order.html?id=" + orderId);
            assertThat(browser.text("#no-secret")).contains("secret link");
            assertThat(browser.driver().getPageSource()).doesNotContain(code).doesNotContain(orderId.substring(4));
            browser.screenshot("storefront-order-without-secret");

            browser.go(base() + "/order.html#order=" + orderId + "&token=ot_not-the-token");
            browser.driver().navigate().refresh();
            assertThat(browser.text("#not-found")).isEqualTo("No order matches this link.");
            assertThat(browser.driver().getPageSource()).doesNotContain(code);
            assertThat(browser.present("#card-keys")).isFalse();
        }
    }

    @Test
    void a_lookup_with_the_right_email_shows_the_status_and_no_key_and_a_wrong_email_reads_like_no_order() {
        String sku = shop.stockedSku("lookup", 700, 1);
        String orderId = shop.paidOrder(sku, 1);
        shop.awaitStatus(orderId, "DELIVERED");
        String code = deliveredCode(orderId);
        try (Browser browser = Browser.open()) {
            browser.go(base() + "/lookup.html");
            browser.type("#lookup-order", orderId).type("#lookup-email", "  Buyer@Example.com ").click("#lookup-button");
            assertThat(browser.visible("#lookup-status").getAttribute("data-status")).isEqualTo("DELIVERED");
            assertThat(browser.driver().getPageSource()).doesNotContain(code);
            browser.screenshot("storefront-lookup");

            browser.type("#lookup-email", "someone@example.com").click("#lookup-button");
            String wrongEmail = browser.visible("#lookup-refused").getText();
            browser.type("#lookup-order", "ord_0000000000zzzzzzzzzzzzzzzz").type("#lookup-email", "buyer@example.com").click("#lookup-button");
            browser.until(driver -> driver.findElement(By.id("lookup-refused")).isDisplayed());
            String noOrder = browser.text("#lookup-refused");

            assertThat(wrongEmail).isEqualTo("No order with this number and email.").isEqualTo(noOrder);
            assertThat(browser.visible("#lookup-refused").getAttribute("data-code")).isEqualTo("order_not_found");
        }
    }

    @Test
    void a_chinese_browser_on_a_phone_gets_the_chinese_storefront_and_can_switch_to_english() {
        String sku = shop.stockedSku("phone", 990, 2);
        try (Browser browser = Browser.open("zh-CN").phone()) {
            browser.go(base() + "/product.html?sku=" + sku);
            assertThat(browser.textContaining("#buy-button", "购买")).isEqualTo("购买");
            assertThat(browser.text("#stock")).isEqualTo("库存：2");
            Long formWidth = (Long) browser.script("return Math.round(document.getElementById('buy').getBoundingClientRect().right)");
            Long viewport = (Long) browser.script("return document.documentElement.clientWidth");
            assertThat(formWidth).isLessThanOrEqualTo(viewport);
            browser.screenshot("storefront-product-phone-zh");

            browser.click("#language");
            assertThat(browser.textContaining("#buy-button", "Buy")).isEqualTo("Buy");
        }
    }

    private String base() {
        return "http://127.0.0.1:" + port;
    }

    private long countOrders(String sku) {
        return jdbc.sql("SELECT count(*) FROM orders WHERE sku = ?").param(sku).query(Long.class).single();
    }

    private long payments(String sku) {
        return jdbc.sql("SELECT count(*) FROM payments p JOIN orders o ON o.id = p.order_id WHERE o.sku = ?").param(sku)
                .query(Long.class).single();
    }

    /** The code delivered to the order, as the admin token reads it. */
    private String deliveredCode(String orderId) {
        Api.Answer order = new Api(port).bearer(IntegrationTest.ADMIN_TOKEN).get("/v1/orders/" + orderId);
        assertThat(order.status()).as(order.body()).isEqualTo(200);
        return order.json().path("delivery").path("cardKeys").get(0).stringValue();
    }
}
