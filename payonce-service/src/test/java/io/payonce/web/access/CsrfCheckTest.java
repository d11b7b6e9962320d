package io.payonce.web.access;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CsrfCheckTest {

    private static final String OWN = "http://127.0.0.1:8080";
    private static final String TOKEN = "session-csrf-token";

    @Test
    void a_same_origin_change_with_the_sessions_token_goes_through() {
        assertThat(CsrfCheck.refusal("POST", TOKEN, TOKEN, OWN, "same-origin", OWN)).isEmpty();
        assertThat(CsrfCheck.refusal("DELETE", TOKEN, TOKEN, OWN, null, OWN)).isEmpty();
        assertThat(CsrfCheck.refusal("PATCH", TOKEN, TOKEN, null, "same-origin", OWN)).isEmpty();
        assertThat(CsrfCheck.refusal("post", TOKEN, TOKEN, "HTTP://127.0.0.1:8080", "SAME-ORIGIN", OWN)).isEmpty();
    }

    @Test
    void reads_need_neither_token_nor_origin() {
        for (String method : new String[] {"GET", "HEAD", "OPTIONS", "get"}) {
            assertThat(CsrfCheck.refusal(method, null, TOKEN, "https://evil.example", "cross-site", OWN)).isEmpty();
        }
    }

    @Test
    void a_change_without_the_token_or_with_another_is_refused() {
        assertThat(CsrfCheck.refusal("POST", null, TOKEN, OWN, "same-origin", OWN)).get().asString().contains("X-CSRF-Token");
        assertThat(CsrfCheck.refusal("POST", "other", TOKEN, OWN, "same-origin", OWN)).get().asString().contains("X-CSRF-Token");
        assertThat(CsrfCheck.refusal("PUT", TOKEN + "x", TOKEN, OWN, null, OWN)).isPresent();
    }

    @Test
    void a_change_another_site_makes_the_browser_send_is_refused_even_with_the_token() {
        assertThat(CsrfCheck.refusal("POST", TOKEN, TOKEN, "https://evil.example", "cross-site", OWN)).get().asString()
                .contains("another site");
        assertThat(CsrfCheck.refusal("POST", TOKEN, TOKEN, OWN, "same-site", OWN)).get().asString().contains("same-site");
        assertThat(CsrfCheck.refusal("POST", TOKEN, TOKEN, "https://evil.example", null, OWN)).get().asString()
                .contains("another origin (https://evil.example)");
        assertThat(CsrfCheck.refusal("POST", TOKEN, TOKEN, "null", "same-origin", OWN)).isPresent();
        assertThat(CsrfCheck.refusal("POST", TOKEN, TOKEN, "http://127.0.0.1:8081", "same-origin", OWN)).isPresent();
    }

    @Test
    void a_change_with_the_cookie_but_no_word_from_a_browser_is_refused() {
        assertThat(CsrfCheck.refusal("POST", TOKEN, TOKEN, null, null, OWN)).get().asString().contains("API key");
    }

    @Test
    void the_login_form_needs_only_the_browsers_word_and_a_client_without_one_may_log_in() {
        assertThat(CsrfCheck.crossSite(OWN, "same-origin", OWN)).isEmpty();
        assertThat(CsrfCheck.crossSite(null, null, OWN)).isEmpty();
        assertThat(CsrfCheck.crossSite("https://evil.example", null, OWN)).isPresent();
        assertThat(CsrfCheck.crossSite(null, "cross-site", OWN)).isPresent();
        assertThat(CsrfCheck.crossSite(null, "none", OWN)).isPresent();
    }

    @Test
    void a_quoted_header_is_cut_and_made_printable() {
        String hostile = "https://evil.example/\u0000" + "a".repeat(200);
        String reason = CsrfCheck.crossSite(hostile, null, OWN).orElseThrow();
        assertThat(reason).doesNotContain("\u0000").contains("?").contains("...");
        assertThat(reason.length()).isLessThan(200);
        String hundred = "h".repeat(100);
        assertThat(CsrfCheck.crossSite(hundred, null, OWN).orElseThrow()).contains("(" + hundred + ")");
        assertThat(CsrfCheck.crossSite(hundred + "h", null, OWN).orElseThrow()).contains("(" + hundred + "...)");
    }
}
