package io.payonce.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;

import io.payonce.common.Refusal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookUrlsTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"https://shop.example.com/hooks", "HTTPS://shop.example.com:8443/h?x=1", "https://203.0.113.7/h"})
    void https_urls_with_a_host_are_accepted_in_production(String url) {
        assertThat(WebhookUrls.formProblem(url, false)).isEmpty();
    }

    @Test
    void the_refusal_says_which_schemes_are_allowed_here() {
        assertThat(WebhookUrls.formProblem("ftp://example.com/h", true)).contains("url: must be http or https");
        assertThat(WebhookUrls.formProblem("ftp://example.com/h", false)).get().asString().startsWith("url: must be https (plain http only");
    }

    @Test
    void plain_http_is_accepted_only_where_private_addresses_are() {
        assertThat(WebhookUrls.formProblem("http://127.0.0.1:9000/h", true)).isEmpty();
        assertThat(WebhookUrls.formProblem("http://shop.example.com/h", false)).get().asString().contains("must be https");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ftp://example.com/h", "file:///etc/passwd", "javascript:alert(1)", "gopher://127.0.0.1:6379/", "/relative",
            "example.com/h", "not a url", "http:///nohost", "http://user:pw@example.com/h", "http://user@example.com/h",
            "http://example.com/h#fragment", ""})
    void anything_but_an_absolute_http_url_with_a_host_and_nothing_else_is_refused(String url) {
        assertThat(WebhookUrls.formProblem(url, true)).isPresent();
    }

    @Test
    void the_length_limit_is_2048_characters() {
        String atLimit = "https://example.com/" + "a".repeat(WebhookUrls.LENGTH_MAX - "https://example.com/".length());
        assertThat(WebhookUrls.formProblem(atLimit, false)).isEmpty();
        assertThat(WebhookUrls.formProblem(atLimit + "a", false)).get().asString().contains("2048");
        assertThat(WebhookUrls.formProblem(null, true)).isPresent();
        assertThat(WebhookUrls.formProblem("   ", true)).isPresent();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"127.0.0.1", "127.1.2.3", "::1", "0.0.0.0", "::", "10.0.0.1", "172.16.0.1", "172.31.255.255", "192.168.1.1",
            "169.254.169.254", "fe80::1", "fc00::1", "fd12:3456::1", "224.0.0.1", "ff02::1", "100.64.0.1", "100.127.255.255", "0.1.2.3",
            "198.18.0.1", "198.19.255.255", "240.0.0.1", "255.255.255.255", "::ffff:127.0.0.1", "::ffff:10.0.0.1"})
    void addresses_off_the_public_internet_are_private(String address) throws UnknownHostException {
        assertThat(WebhookUrls.isPrivate(InetAddress.getByName(address))).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"203.0.113.7", "8.8.8.8", "100.63.255.255", "100.128.0.1", "172.32.0.1", "198.17.255.255", "198.20.0.1",
            "223.255.255.254", "1.1.1.1", "2001:db8::1", "2606:4700::1111", "fbff::1", "fe00::1",
            "8.64.0.1", "8.127.0.1", "9.18.0.1", "9.19.0.1"})
    void public_addresses_are_not(String address) throws UnknownHostException {
        assertThat(WebhookUrls.isPrivate(InetAddress.getByName(address))).isFalse();
    }

    @Test
    void production_refuses_a_host_that_is_or_resolves_to_a_private_address() {
        assertThatThrownBy(() -> WebhookEndpoints.requirePublicHost("127.0.0.1")).isInstanceOf(Refusal.class)
                .extracting(e -> ((Refusal) e).reason()).isEqualTo(Refusal.Reason.WEBHOOK_URL_NOT_ALLOWED);
        assertThatThrownBy(() -> WebhookEndpoints.requirePublicHost("localhost")).isInstanceOf(Refusal.class);
        assertThatThrownBy(() -> WebhookEndpoints.requirePublicHost("169.254.169.254")).isInstanceOf(Refusal.class);
        assertThatThrownBy(() -> WebhookEndpoints.requirePublicHost("no-such-host.invalid")).isInstanceOf(Refusal.class)
                .hasMessageContaining("does not resolve");
        WebhookEndpoints.requirePublicHost("203.0.113.7");
    }
}
