package io.payonce.channels.alipay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;
import io.payonce.channels.PaymentChannel.CloseOutcome;
import io.payonce.channels.PaymentChannel.InboundNotification;
import io.payonce.channels.PaymentChannel.Notification;
import io.payonce.channels.PaymentChannel.NotificationReply;
import io.payonce.channels.PaymentChannel.RefundOutcome;
import io.payonce.channels.PaymentChannel.RefundQuery;
import io.payonce.channels.PaymentChannel.RefundRequest;
import io.payonce.channels.PaymentChannel.TradeOutcome;
import io.payonce.channels.PaymentChannel.TradeRequest;
import io.payonce.channels.PaymentChannel.TradeStatus;
import io.payonce.gateway.keys.SandboxKeys;
import io.payonce.support.SandboxGatewayServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * {@link AlipayChannel} against the sandbox gateway (the test JVM's {@link SandboxGatewayServer}) over HTTP, through
 * Alipay's SDK: every call of the port, amounts at Alipay's edges, the gateway's faults, an answer
 * signed by a key that is not Alipay's, and the gateway's real notification verified.
 */
class AlipayChannelIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** Notifications the gateway posted to the receiver, as parsed by the channel. */
    private static final List<Notification> RECEIVED = new CopyOnWriteArrayList<>();
    private static HttpServer receiver;
    private static String gatewayBase;
    private static Properties merchant;
    private static AlipayChannel channel;

    @BeforeAll
    static void start() throws Exception {
        SandboxGatewayServer sandbox = SandboxGatewayServer.get();
        gatewayBase = sandbox.baseUrl();
        merchant = new Properties();
        merchant.putAll(sandbox.merchantSettings());
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/v1/callbacks/alipay", exchange -> {
            Notification parsed = channel.parseNotification(new InboundNotification(
                    Map.of("content-type", String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type"))),
                    exchange.getRequestBody().readAllBytes()));
            RECEIVED.add(parsed);
            NotificationReply reply = channel.reply(!(parsed instanceof Notification.Invalid));
            byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", reply.contentType());
            exchange.sendResponseHeaders(reply.status(), body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        receiver.start();
        channel = channel(Map.of());
    }

    @AfterAll
    static void stop() {
        if (receiver != null) {
            receiver.stop(0);
        }
    }

    @Test
    void a_trade_is_created_queried_paid_refunded_and_its_refund_queried_through_the_sdk() {
        TradeOutcome created = channel.createTrade(new TradeRequest("pay-life-1", "ord-1", 1, "CNY", "一张卡密 one card key"));
        assertThat(created).isInstanceOfSatisfying(TradeOutcome.Created.class,
                c -> assertThat(c.payUrl()).isEqualTo(gatewayBase + "/sandbox/alipay/pay/pay-life-1"));
        TradeStatus waiting = channel.queryTrade("pay-life-1");
        assertThat(waiting).isInstanceOf(TradeStatus.Waiting.class);
        String tradeNo = ((TradeStatus.Waiting) waiting).tradeNo();

        pay("pay-life-1");

        assertThat(channel.queryTrade("pay-life-1")).isEqualTo(new TradeStatus.Paid(tradeNo, 1, "CNY"));
        assertThat(channel.closeTrade("pay-life-1")).isEqualTo(new CloseOutcome.AlreadyPaid(tradeNo, 1, "CNY"));
        assertThat(channel.refund(new RefundRequest("pay-life-1", "ref-life-1", 1, "CNY"))).isEqualTo(new RefundOutcome.Succeeded(tradeNo));
        assertThat(channel.refund(new RefundRequest("pay-life-1", "ref-life-1", 1, "CNY")))
                .as("a repeated refund answers as the first").isEqualTo(new RefundOutcome.Succeeded(tradeNo));
        assertThat(channel.queryRefund("pay-life-1", "ref-life-1")).isEqualTo(new RefundQuery.Succeeded(tradeNo, 1));
        assertThat(channel.queryRefund("pay-life-1", "ref-never")).isEqualTo(new RefundQuery.NotFound());
        assertThat(channel.queryRefund("pay-nobody", "ref-never")).isEqualTo(new RefundQuery.NotFound());
        assertThat(channel.refund(new RefundRequest("pay-life-1", "ref-life-2", 1, "CNY")))
                .isEqualTo(new RefundOutcome.Failed("alipay 40004 ACQ.REFUND_AMT_NOT_EQUAL_TOTAL"));
    }

    @Test
    void an_unpaid_trade_is_closed_and_cannot_be_opened_again_and_unknown_trades_are_not_found() {
        assertThat(channel.createTrade(new TradeRequest("pay-close-1", "ord-2", 500, "CNY", "s"))).isInstanceOf(TradeOutcome.Created.class);

        assertThat(channel.closeTrade("pay-close-1")).isEqualTo(new CloseOutcome.Closed());
        assertThat(channel.queryTrade("pay-close-1")).isInstanceOf(TradeStatus.Closed.class);
        assertThat(channel.createTrade(new TradeRequest("pay-close-1", "ord-2", 500, "CNY", "s")))
                .isEqualTo(new TradeOutcome.Declined("alipay 40004 ACQ.TRADE_HAS_CLOSE"));
        assertThat(channel.closeTrade("pay-nobody")).isEqualTo(new CloseOutcome.NotFound());
        // Alipay books a precreated trade only when its QR code is scanned: "no such trade" is waiting, not closed.
        assertThat(channel.queryTrade("pay-nobody")).isEqualTo(new TradeStatus.Waiting(null));
        assertThat(channel.refund(new RefundRequest("pay-close-1", "ref-close-1", 500, "CNY")))
                .isEqualTo(new RefundOutcome.Failed("alipay 40004 ACQ.TRADE_STATUS_ERROR"));
    }

    @Test
    void amounts_are_exact_at_alipays_edges_and_refused_past_them_before_any_call() {
        channel.createTrade(new TradeRequest("pay-max-1", "ord-3", AlipayAmounts.FEN_MAX, "CNY", "s"));
        pay("pay-max-1");
        assertThat(channel.queryTrade("pay-max-1")).isInstanceOfSatisfying(TradeStatus.Paid.class,
                paid -> assertThat(paid.amount()).isEqualTo(10_000_000_000L));
        assertThat(channel.refund(new RefundRequest("pay-max-1", "ref-max-1", AlipayAmounts.FEN_MAX - 1, "CNY")))
                .isInstanceOf(RefundOutcome.Succeeded.class);
        assertThat(channel.queryRefund("pay-max-1", "ref-max-1")).isInstanceOfSatisfying(RefundQuery.Succeeded.class,
                refund -> assertThat(refund.amount()).isEqualTo(9_999_999_999L));

        assertThat(channel.createTrade(new TradeRequest("pay-edge-0", "o", 0, "CNY", "s"))).isInstanceOf(TradeOutcome.Declined.class);
        assertThat(channel.createTrade(new TradeRequest("pay-edge-x", "o", AlipayAmounts.FEN_MAX + 1, "CNY", "s")))
                .isInstanceOf(TradeOutcome.Declined.class);
        assertThat(channel.createTrade(new TradeRequest("pay-edge-usd", "o", 100, "USD", "s"))).isInstanceOf(TradeOutcome.Declined.class);
        assertThat(channel.queryTrade("pay-edge-0")).isEqualTo(new TradeStatus.Waiting(null));
    }

    @Test
    void answers_signed_by_a_key_that_is_not_alipays_are_unknown_never_believed() throws Exception {
        String impostorKey = SandboxKeys.pem(SandboxKeys.generate().alipayGateway().getPublic());
        AlipayChannel fooled = channel(Map.of("payonce.channels.alipay.alipay-public-key-file", "",
                "payonce.channels.alipay.alipay-public-key", impostorKey));

        assertThat(fooled.createTrade(new TradeRequest("pay-fooled-1", "o", 100, "CNY", "s"))).isInstanceOfSatisfying(
                TradeOutcome.Unknown.class, unknown -> assertThat(unknown.reason()).contains("sign check fail"));
        assertThat(fooled.queryTrade("pay-fooled-1")).isInstanceOf(TradeStatus.Unknown.class);
        assertThat(fooled.closeTrade("pay-fooled-1")).isInstanceOf(CloseOutcome.Unknown.class);
        assertThat(fooled.queryTrade("pay-nobody")).as("even a signed-looking refusal").isInstanceOf(TradeStatus.Unknown.class);
    }

    @Test
    void a_lost_answer_is_unknown_and_a_later_query_finds_the_trade() throws Exception {
        control("/sandbox/alipay/faults", "{\"nextTrades\":[\"TIMEOUT\"]}");
        AlipayChannel impatient = channel(Map.of("payonce.channels.alipay.read-timeout", "300ms"));

        assertThat(impatient.createTrade(new TradeRequest("pay-lost-1", "o", 100, "CNY", "s"))).isInstanceOf(TradeOutcome.Unknown.class);

        await().atMost(Duration.ofSeconds(10)).until(() -> channel.queryTrade("pay-lost-1") instanceof TradeStatus.Waiting);
    }

    @Test
    void a_declined_trade_is_declined_with_alipays_sub_code() throws Exception {
        control("/sandbox/alipay/faults", "{\"nextTrades\":[\"DECLINE\"]}");

        assertThat(channel.createTrade(new TradeRequest("pay-declined-1", "o", 100, "CNY", "s")))
                .isEqualTo(new TradeOutcome.Declined("alipay 40004 ACQ.ACCESS_FORBIDDEN"));
    }

    @Test
    void an_unreachable_gateway_is_unknown() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        AlipayChannel nowhere = channel(Map.of("payonce.channels.alipay.gateway-url", "http://127.0.0.1:" + closedPort + "/alipay/gateway.do"));

        assertThat(nowhere.createTrade(new TradeRequest("pay-nowhere", "o", 100, "CNY", "s"))).isInstanceOf(TradeOutcome.Unknown.class);
        assertThat(nowhere.refund(new RefundRequest("pay-nowhere", "ref-nowhere", 100, "CNY"))).isInstanceOf(RefundOutcome.Unknown.class);
        assertThat(nowhere.queryRefund("pay-nowhere", "ref-nowhere")).isInstanceOf(RefundQuery.Unknown.class);
    }

    @Test
    void the_gateways_own_notification_of_a_payment_verifies_and_is_acknowledged() {
        channel.createTrade(new TradeRequest("pay-notify-1", "o", 8888, "CNY", "卡密 & more = one"));
        String tradeNo = ((TradeStatus.Waiting) channel.queryTrade("pay-notify-1")).tradeNo();

        pay("pay-notify-1");

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(RECEIVED).anySatisfy(n ->
                assertThat(n).isInstanceOfSatisfying(Notification.Paid.class, paid -> {
                    assertThat(paid.paymentId()).isEqualTo("pay-notify-1");
                    assertThat(paid.tradeNo()).isEqualTo(tradeNo);
                    assertThat(paid.amount()).isEqualTo(8888);
                    assertThat(paid.currency()).isEqualTo("CNY");
                })));
        assertThat(RECEIVED).noneMatch(n -> n instanceof Notification.Invalid);
    }

    /** The channel as the service builds it from the merchant settings the gateway wrote, with some changed. */
    private static AlipayChannel channel(Map<String, String> changes) throws Exception {
        Map<String, String> settings = new HashMap<>();
        merchant.forEach((name, value) -> settings.put((String) name, (String) value));
        settings.put("payonce.channels.alipay.notify-url",
                "http://127.0.0.1:" + receiver.getAddress().getPort() + "/v1/callbacks/alipay");
        settings.putAll(changes);
        settings.values().removeIf(String::isEmpty);
        AlipayProperties properties = new Binder(new MapConfigurationPropertySource(settings))
                .bind("payonce.channels.alipay", AlipayProperties.class).get();
        return AlipayChannelConfig.channel(properties, AlipayKeys.load(properties), new NotifyUrl(properties.notifyUrl()));
    }

    private static void pay(String outTradeNo) {
        assertThat(control("/sandbox/alipay/trades/" + outTradeNo + "/pay", null)).isEqualTo(200);
    }

    private static int control(String path, String json) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gatewayBase + path));
            request = json == null ? request.POST(HttpRequest.BodyPublishers.noBody())
                    : request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
