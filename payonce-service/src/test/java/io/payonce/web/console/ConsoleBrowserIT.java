package io.payonce.web.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import io.payonce.access.OwnerAccounts;
import io.payonce.support.Api;
import io.payonce.support.Browser;
import io.payonce.support.IntegrationTest;
import io.payonce.support.RowCounts;
import io.payonce.support.Shop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The owner's console in a real browser (headless Debian Chromium): the day's work (log in, import
 * stock, find an order, refund part of it) and the refusals (a wrong password, the lock-out, a
 * cross-site or token-less change, the console without a session). Screenshots of every page go to
 * {@code target/screenshots/console-*.png}.
 */
@IntegrationTest
class ConsoleBrowserIT {

    static final String PASSWORD = "console-browser-password-1";

    @LocalServerPort
    int port;
    @Autowired
    OwnerAccounts accounts;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TransactionTemplate transactions;
    String base;

    @BeforeEach
    void setUp() {
        base = "http://127.0.0.1:" + port;
        accounts.setPassword("owner", PASSWORD);
        forgetFailures();
    }

    @AfterEach
    void forgetFailures() {
        transactions.executeWithoutResult(tx -> jdbc.sql("DELETE FROM owner_login_failures").update());
    }

    private void logIn(Browser browser, String password) {
        browser.go(base + "/admin/login").type("#login-name", "owner").type("#login-password", password).click("#login-submit");
    }

    @Test
    void the_owner_logs_in_imports_stock_finds_the_order_and_refunds_part_of_it() {
        Shop shop = new Shop(new Api(port));
        String sku = Shop.uniqueSku("console");
        shop.cardKeyProduct(sku, 1000);
        try (Browser browser = Browser.open()) {
            browser.go(base + "/admin/");
            browser.until(ExpectedConditions.urlToBe(base + "/admin/login"));
            browser.screenshot("console-login");
            logIn(browser, PASSWORD);
            browser.textContaining("#sales-today", "Sales today");
            browser.visible("#rate-chart");
            browser.screenshot("console-dashboard");

            browser.click("a[data-page=products]");
            browser.visible("#import-codes");
            browser.script("document.getElementById('import-sku').value = arguments[0]", sku);
            browser.type("#import-codes", "CONSOLE-" + sku + "-1\nCONSOLE-" + sku + "-2\nCONSOLE-" + sku + "-1\n");
            browser.click("#import-submit");
            String imported = browser.textContaining("#import-result", "Imported 2 of 3");
            assertThat(imported).contains("duplicates: 1").contains("repeated in the paste, lines 3");
            assertThat(browser.text("table")).contains(sku + " Test " + sku + " CARD_KEY 10.00 CNY 2 0 0");
            browser.screenshot("console-products");

            String orderId = shop.paidOrder(sku, 1);

            browser.click("a[data-page=orders]");
            browser.type("#order-q", orderId).click("#order-search");
            browser.textContaining("#order-results", orderId);
            browser.screenshot("console-orders");
            browser.click("a.order-link");
            browser.textContaining("#order-status-value", "DELIVERED");
            assertThat(browser.text("#timeline")).contains("order created").contains("payment succeeded").contains("order delivered");
            browser.type("#refund-amount", "300");
            // A double click is one intent: one Idempotency-Key, one refund.
            browser.script("const b = document.getElementById('refund-submit'); b.click(); b.click();");
            browser.textContaining("#order-status-value", "PARTIALLY_REFUNDED");
            assertThat(browser.text("#order-refunded")).startsWith("3.00");
            assertThat(browser.text("#timeline")).contains("refund requested").contains("refund succeeded");
            browser.screenshot("console-order");
            assertThat(jdbc.sql("SELECT count(*) FROM refunds WHERE order_id = ?").param(orderId).query(Long.class).single()).isEqualTo(1);
            // The storefront's own order page (the buyer's view through the API) shows the refund too.
            assertThat(shop.getOrder(orderId).json().get("refundedAmount").asLong()).isEqualTo(300);

            browser.click("a[data-page=members]");
            browser.textContaining("#page", "payonce-shop");
            browser.screenshot("console-members");
            browser.click("a[data-page=keys]");
            browser.textContaining("#page", "New key");
            browser.screenshot("console-keys");
        }
    }

    @Test
    void a_wrong_password_is_refused_and_after_several_the_account_is_locked_out() {
        try (Browser browser = Browser.open()) {
            logIn(browser, "wrong-password-0");
            assertThat(browser.textContaining("#login-error", "Wrong account or password")).isNotEmpty();
            browser.screenshot("console-login-refused");
            for (int i = 1; i <= 4; i++) {
                logIn(browser, "wrong-password-" + i);
            }
            browser.textContaining("#login-error", "Locked out");
            logIn(browser, PASSWORD);
            browser.textContaining("#login-error", "Locked out");
            assertThat(browser.url()).isEqualTo(base + "/admin/login");
            browser.screenshot("console-locked-out");
        }
    }

    @Test
    void a_cross_site_post_and_a_post_without_the_csrf_token_are_refused_and_refund_nothing() {
        Shop shop = new Shop(new Api(port));
        String orderId = shop.paidOrder(shop.stockedSku("console-xsite", 1000, 1), 1);
        try (Browser browser = Browser.open()) {
            logIn(browser, PASSWORD);
            browser.visible("#sales-today");
            Map<String, Long> before = RowCounts.of(jdbc);

            // The console's own page, its script calling without the token: the cookie goes, the change does not.
            Object answer = ((JavascriptExecutor) browser.driver()).executeAsyncScript("""
                    const done = arguments[arguments.length - 1];
                    fetch('/v1/orders/' + arguments[0] + '/refunds', {method: 'POST', credentials: 'same-origin',
                      headers: {'Content-Type': 'application/json', 'Idempotency-Key': 'xsite-1'}, body: '{"amount":100}'})
                      .then(r => r.text().then(t => done(r.status + ' ' + t)));""", orderId);
            assertThat(answer.toString()).startsWith("403 ").contains("\"code\":\"csrf_refused\"");

            // Another site's page (localhost is another site than 127.0.0.1; any page outside the console's
            // form-action policy) posting a form to the refund endpoint.
            browser.go("http://localhost:" + port + "/actuator/health");
            browser.script("""
                    const f = document.createElement('form');
                    f.method = 'POST'; f.action = arguments[0]; f.enctype = 'text/plain';
                    const i = document.createElement('input'); i.name = '{"amount":100,"x":"'; i.value = '"}';
                    f.append(i); document.body.append(f); f.submit();""", base + "/v1/orders/" + orderId + "/refunds");
            browser.until(driver -> driver.getCurrentUrl().startsWith(base + "/v1/orders/"));
            String page = browser.text("body");
            assertThat(page).containsAnyOf("credentials_missing", "csrf_refused", "unsupported_media_type");
            browser.screenshot("console-cross-site-refused");

            assertThat(RowCounts.of(jdbc)).isEqualTo(before);
        }
    }
}
