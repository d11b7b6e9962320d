package io.payonce.gateway.web;

import java.util.Currency;

import io.payonce.gateway.book.GatewayAmounts;
import io.payonce.gateway.book.Trade;
import org.springframework.web.util.HtmlUtils;
import org.springframework.web.util.UriUtils;

/**
 * The buyer's page of a trade: what it costs and the two buttons a buyer has. Its URL is what the
 * protocols hand the merchant as the pay URL ({@code code_url}, {@code qr_code}).
 */
public final class PayPage {

    private PayPage() {
    }

    /** The page's path on this gateway: {@code /sandbox/<channel>/pay/<outTradeNo>}. */
    public static String path(String channel, String outTradeNo) {
        return "/sandbox/" + UriUtils.encodePathSegment(channel, java.nio.charset.StandardCharsets.UTF_8) + "/pay/"
                + UriUtils.encodePathSegment(outTradeNo, java.nio.charset.StandardCharsets.UTF_8);
    }

    /**
     * The pay URL a protocol answers with: the scheme, host and port the merchant's request came to
     * ({@code baseUrl}, for example {@code http://127.0.0.1:9090}) and the page's path.
     */
    public static String url(String baseUrl, String channel, String outTradeNo) {
        String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        return base + path(channel, outTradeNo);
    }

    /** Longer return links are not links a shop hands out. */
    static final int RETURN_URL_LENGTH_MAX = 2000;

    /**
     * The page, every value from the trade escaped: a subject is the merchant's text. With a
     * {@code returnUrl} (the merchant's page the buyer goes back to, as Alipay's page payments
     * take {@code return_url}) the buttons send the buyer there once pressed, and the page links to
     * it.
     */
    static String html(Trade trade, String returnUrl) {
        String actions = "/sandbox/" + trade.channel() + "/trades/" + trade.outTradeNo();
        String amount = GatewayAmounts.format(trade.amount(), Currency.getInstance(trade.currency()));
        boolean open = trade.status() == io.payonce.gateway.book.SandboxBook.TradeState.WAIT_BUYER_PAY;
        String back = returnUrl == null ? "" : "<input type=\"hidden\" name=\"return_url\" value=\"" + escape(returnUrl) + "\">";
        String buttons = open ? """
                <form method="post" action="%s/pay">%s<button id="pay">Pay</button></form>
                <form method="post" action="%s/fail">%s<button id="give-up">Give up</button></form>
                """.formatted(escape(actions), back, escape(actions), back) : "";
        String link = returnUrl == null ? "" : "<p><a id=\"return\" href=\"" + escape(returnUrl) + "\">Back to the shop</a></p>";
        return """
                <!doctype html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
                <title>%s (sandbox)</title></head><body>
                <h1>%s (sandbox)</h1><p>%s</p><p>%s %s &mdash; <span id="status">%s</span></p>
                %s%s</body></html>
                """.formatted(escape(trade.channel()), escape(trade.channel()), escape(trade.subject()), escape(trade.currency()),
                escape(amount), escape(trade.status().name()), buttons, link);
    }

    /** An absolute http(s) link of sane length, or null: anything else is dropped, never echoed into the page. */
    static String returnUrl(String candidate) {
        if (candidate == null || candidate.isBlank() || candidate.length() > RETURN_URL_LENGTH_MAX) {
            return null;
        }
        try {
            java.net.URI uri = new java.net.URI(candidate);
            String scheme = uri.getScheme();
            boolean web = "http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme);
            return web && uri.getHost() != null ? uri.toString() : null;
        } catch (java.net.URISyntaxException e) {
            return null;
        }
    }

    private static String escape(String text) {
        return text == null ? "" : HtmlUtils.htmlEscape(text);
    }
}
