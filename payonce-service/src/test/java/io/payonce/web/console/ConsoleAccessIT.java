package io.payonce.web.console;

import static io.payonce.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.util.HashMap;
import java.util.Map;

import io.payonce.access.OwnerAccounts;
import io.payonce.support.Api;
import io.payonce.support.IntegrationTest;
import io.payonce.support.RowCounts;
import io.payonce.support.Shop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The console's access at the HTTP level, written as the attacks: a wrong password, guessing until
 * locked out, the owner's cookie sent by another site's page (no CSRF token, or another origin), the
 * console without a session. Each refusal is asserted with its problem code and that no row changed.
 */
@IntegrationTest
class ConsoleAccessIT {

    static final String PASSWORD = "console-test-password-1";

    @LocalServerPort
    int port;
    @Autowired
    OwnerAccounts accounts;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TransactionTemplate transactions;
    Api anonymous;
    String origin;

    @BeforeEach
    void setUp() {
        anonymous = new Api(port);
        origin = "http://127.0.0.1:" + port;
        accounts.setPassword("owner", PASSWORD);
        forgetFailures();
    }

    /** Tests share one service and all call from 127.0.0.1: one test's lock-out must not refuse the next. */
    @AfterEach
    void forgetFailures() {
        transactions.executeWithoutResult(tx -> jdbc.sql("DELETE FROM owner_login_failures").update());
    }

    private Api.Answer login(String name, String password) {
        return anonymous.post("/v1/console/session", "{\"name\":\"" + name + "\",\"password\":\"" + password + "\"}",
                Map.of("Origin", origin, "Sec-Fetch-Site", "same-origin"));
    }

    /** The cookie's name=value from a login's Set-Cookie. */
    private static String cookie(Api.Answer login) {
        String setCookie = login.header("Set-Cookie");
        assertThat(setCookie).contains("HttpOnly").contains("SameSite=Strict").contains("Path=/");
        return setCookie.substring(0, setCookie.indexOf(';'));
    }

    /** The owner's browser: its cookie, and what a page of {@code pageOrigin} makes it send. */
    private Api browser(String cookie, String pageOrigin, String csrfToken) {
        return anonymous.with((method, path) -> {
            Map<String, String> headers = new HashMap<>(Map.of("Cookie", cookie, "Origin", pageOrigin,
                    "Sec-Fetch-Site", pageOrigin.equals(origin) ? "same-origin" : "cross-site"));
            if (csrfToken != null) {
                headers.put("X-CSRF-Token", csrfToken);
            }
            return headers;
        });
    }

    @Test
    void the_owner_logs_in_reads_the_admin_api_with_the_cookie_and_logs_out() {
        Api.Answer login = login("owner", PASSWORD);
        assertThat(login.status()).as(login.body()).isEqualTo(201);
        assertThat(login.header("Cache-Control")).contains("no-store");
        String csrf = login.json().get("csrfToken").asString();
        Api owner = browser(cookie(login), origin, csrf);

        assertThat(owner.get("/v1/console/session").json().get("csrfToken").asString()).isEqualTo(csrf);
        assertThat(owner.get("/v1/admin/orders?limit=5").status()).isEqualTo(200);
        assertThat(owner.get("/v1/admin/stats").json().get("rate").size()).isEqualTo(60);

        Api.Answer logout = owner.send(HttpRequest.newBuilder(anonymous.uri("/v1/console/session")).DELETE());
        assertThat(logout.status()).isEqualTo(200);
        assertThat(logout.json().get("sessionEnded").asBoolean()).isTrue();
        assertThat(logout.header("Set-Cookie")).contains("Max-Age=0");
        assertProblem(owner.get("/v1/admin/orders"), 401, "credentials_invalid");
    }

    @Test
    void a_wrong_password_is_refused_and_the_password_never_appears_in_the_answer() {
        Map<String, Long> before = RowCounts.of(jdbc);
        Api.Answer wrong = login("owner", "not-the-password");
        assertProblem(wrong, 401, "login_failed");
        assertThat(wrong.header("Set-Cookie")).isNull();
        assertThat(wrong.body()).doesNotContain("not-the-password");
        assertProblem(login("nobody", PASSWORD), 401, "login_failed");
        assertThat(RowCounts.of(jdbc)).isEqualTo(before);
    }

    @Test
    void after_five_wrong_passwords_the_account_is_locked_out_and_even_the_right_one_is_refused() {
        for (int i = 1; i <= 4; i++) {
            assertProblem(login("owner", "guess-" + i), 401, "login_failed");
        }
        Api.Answer fifth = login("owner", "guess-5");
        assertProblem(fifth, 429, "login_locked");
        Api.Answer right = login("owner", PASSWORD);
        assertProblem(right, 429, "login_locked");
        assertThat(right.header("Retry-After")).isNotNull();
        assertThat(Long.parseLong(right.header("Retry-After"))).isBetween(1L, 15 * 60L);
        assertThat(right.header("Set-Cookie")).isNull();
        long sessions = jdbc.sql("SELECT count(*) FROM owner_sessions").query(Long.class).single();

        forgetFailures();
        assertThat(login("owner", PASSWORD).status()).isEqualTo(201);
        assertThat(jdbc.sql("SELECT count(*) FROM owner_sessions").query(Long.class).single()).isEqualTo(sessions + 1);
    }

    @Test
    void the_owners_cookie_without_the_csrf_token_or_from_another_site_refunds_nothing() {
        Shop shop = new Shop(anonymous);
        String orderId = shop.paidOrder(shop.stockedSku("console-csrf", 1000, 1), 1);
        Api.Answer login = login("owner", PASSWORD);
        String cookie = cookie(login);
        String csrf = login.json().get("csrfToken").asString();
        String refund = "/v1/orders/" + orderId + "/refunds";
        Map<String, Long> before = RowCounts.of(jdbc);

        // A page of another site posting a form: the browser sends the cookie, the page cannot know the token.
        assertProblem(browser(cookie, "https://evil.example", null).postIdempotent(refund, "{\"amount\":500}", "csrf-1"), 403, "csrf_refused");
        // The same, even with the token (stolen or guessed), is still from another origin.
        assertProblem(browser(cookie, "https://evil.example", csrf).postIdempotent(refund, "{\"amount\":500}", "csrf-2"), 403, "csrf_refused");
        // Same origin but no token, or another session's.
        assertProblem(browser(cookie, origin, null).postIdempotent(refund, "{\"amount\":500}", "csrf-3"), 403, "csrf_refused");
        assertProblem(browser(cookie, origin, "not-the-token").postIdempotent(refund, "{\"amount\":500}", "csrf-4"), 403, "csrf_refused");
        // The cookie alone from a client that is no browser.
        assertProblem(anonymous.with((m, p) -> Map.of("Cookie", cookie, "X-CSRF-Token", csrf))
                .postIdempotent(refund, "{\"amount\":500}", "csrf-5"), 403, "csrf_refused");
        assertThat(RowCounts.of(jdbc)).isEqualTo(before);

        Api.Answer refunded = browser(cookie, origin, csrf).postIdempotent(refund, "{\"amount\":500}", "csrf-6");
        assertThat(refunded.status()).as(refunded.body()).isEqualTo(201);
        Api.Answer detail = browser(cookie, origin, null).get("/v1/admin/orders/" + orderId);
        assertThat(detail.json().get("order").get("refundedAmount").asLong()).isEqualTo(500);
        assertThat(detail.json().get("order").get("status").asString()).isEqualTo("PARTIALLY_REFUNDED");
    }

    @Test
    void a_login_posted_by_another_sites_page_is_refused() {
        Api.Answer login = anonymous.post("/v1/console/session", "{\"name\":\"owner\",\"password\":\"" + PASSWORD + "\"}",
                Map.of("Origin", "https://evil.example", "Sec-Fetch-Site", "cross-site"));
        assertProblem(login, 403, "csrf_refused");
        assertThat(login.header("Set-Cookie")).isNull();
    }

    @Test
    void the_storefronts_order_endpoints_do_not_read_the_owners_cookie() {
        Shop shop = new Shop(anonymous);
        String orderId = shop.placeOrder(shop.stockedSku("console-cookie", 1000, 1), 1);
        Api owner = browser(cookie(login("owner", PASSWORD)), origin, null);
        assertThat(owner.get("/v1/console/session").status()).isEqualTo(200);
        // A logged-in owner browsing the shop is no one there: the order's token or an API key is needed.
        assertProblem(owner.get("/v1/orders/" + orderId), 404, "order_not_found");
    }

    @Test
    void the_console_without_a_session_redirects_to_the_login_page_and_the_pages_refuse_framing() {
        Api.Answer console = anonymous.get("/admin/");
        assertThat(console.status()).isEqualTo(302);
        assertThat(console.header("Location")).endsWith("/admin/login");
        Api.Answer loginPage = anonymous.get("/admin/login");
        assertThat(loginPage.status()).isEqualTo(200);
        assertThat(loginPage.body()).contains("login-password");
        assertThat(loginPage.header("Content-Security-Policy")).contains("frame-ancestors 'none'");
        assertThat(loginPage.header("X-Frame-Options")).isEqualTo("DENY");
        assertProblem(anonymous.with((m, p) -> Map.of("Cookie", "payonce_console=os_aaaaaaaaaaaa_forged")).get("/v1/admin/orders"),
                401, "credentials_invalid");
        assertThat(anonymous.with((m, p) -> Map.of("Cookie", "payonce_console=os_aaaaaaaaaaaa_forged")).get("/admin/").status())
                .isEqualTo(302);
    }
}
