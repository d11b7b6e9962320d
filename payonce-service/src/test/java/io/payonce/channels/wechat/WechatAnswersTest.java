package io.payonce.channels.wechat;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;
import java.util.stream.Stream;

import com.wechat.pay.java.core.cipher.RSASigner;
import io.payonce.channels.PaymentChannel;
import io.payonce.channels.PaymentChannel.CloseOutcome;
import io.payonce.channels.PaymentChannel.RefundOutcome;
import io.payonce.channels.PaymentChannel.RefundQuery;
import io.payonce.channels.PaymentChannel.RefundRequest;
import io.payonce.channels.PaymentChannel.TradeOutcome;
import io.payonce.channels.PaymentChannel.TradeRequest;
import io.payonce.channels.PaymentChannel.TradeStatus;
import io.payonce.gateway.keys.SandboxKeys;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.Protocol;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What the adapter makes of each answer WeChat Pay may give, including those the sandbox never
 * gives (a refund still PROCESSING, a 500, a 429, a trade in USERPAYING or REVOKED, an answer
 * about another trade): a test double answers each call, signed with the platform key as
 * WeChat Pay signs, from inside the OkHttp client the SDK uses. Only a signed, documented answer
 * settles anything; the rest is unknown.
 */
class WechatAnswersTest {

    private static final SandboxKeys KEYS = SandboxKeys.generate();
    /** A platform key of some other gateway: what a forger on the path would sign with. */
    private static final java.security.PrivateKey FORGER = SandboxKeys.generate().wechatPlatform().getPrivate();
    private static final String PAY = "pay_01m8p93dz6w8s859cbh2csmnvq";
    private static final String REF = "ref_01m8p93dz6w8s859cbh2csmnvq";

    static Stream<Arguments> answers() {
        return Stream.of(
                // prepay
                row("prepay answered", 200, "{\"code_url\":\"weixin://wxpay/bizpayurl?pr=abc\"}", WechatAnswersTest::create,
                        new TradeOutcome.Created(null, "weixin://wxpay/bizpayurl?pr=abc")),
                row("prepay refused", 400, error("PARAM_ERROR"), WechatAnswersTest::create, new TradeOutcome.Declined("PARAM_ERROR: m")),
                row("prepay of a paid trade", 400, error("ORDERPAID"), WechatAnswersTest::create,
                        new TradeOutcome.Unknown("ORDERPAID: the trade is paid; a query settles it")),
                row("prepay system error", 500, error("SYSTEM_ERROR"), WechatAnswersTest::create,
                        new TradeOutcome.Unknown("prepay: WeChat Pay answered 500 SYSTEM_ERROR")),
                row("prepay rate limited", 429, error("FREQUENCY_LIMITED"), WechatAnswersTest::create,
                        new TradeOutcome.Unknown("prepay: WeChat Pay answered 429 FREQUENCY_LIMITED")),
                row("prepay without code_url", 200, "{}", WechatAnswersTest::create, new TradeOutcome.Unknown("prepay answered without code_url")),
                // query
                row("query SUCCESS", 200, transaction("SUCCESS", PAY, "420001"), WechatAnswersTest::query, new TradeStatus.Paid("420001", 990, "CNY")),
                row("query REFUND", 200, transaction("REFUND", PAY, "420001"), WechatAnswersTest::query, new TradeStatus.Paid("420001", 990, "CNY")),
                row("query NOTPAY", 200, transaction("NOTPAY", PAY, null), WechatAnswersTest::query, new TradeStatus.Waiting(null)),
                row("query USERPAYING", 200, transaction("USERPAYING", PAY, null), WechatAnswersTest::query, new TradeStatus.Waiting(null)),
                row("query PAYERROR", 200, transaction("PAYERROR", PAY, null), WechatAnswersTest::query, new TradeStatus.Waiting(null)),
                row("query ACCEPT", 200, transaction("ACCEPT", PAY, null), WechatAnswersTest::query, new TradeStatus.Waiting(null)),
                row("query CLOSED", 200, transaction("CLOSED", PAY, null), WechatAnswersTest::query, new TradeStatus.Closed(null)),
                row("query REVOKED", 200, transaction("REVOKED", PAY, null), WechatAnswersTest::query, new TradeStatus.Closed(null)),
                row("query of another trade", 200, transaction("SUCCESS", "pay_someoneelse0000000000000", "420001"), WechatAnswersTest::query,
                        new TradeStatus.Unknown("the answer names another trade or merchant")),
                row("query SUCCESS without transaction_id", 200, transaction("SUCCESS", PAY, null), WechatAnswersTest::query,
                        new TradeStatus.Unknown("a paid trade without transaction_id or amount")),
                row("query state undocumented", 200, transaction("SOMETHING_NEW", PAY, null), WechatAnswersTest::query,
                        new TradeStatus.Unknown("the answer has no trade_state WeChat Pay documents")),
                row("query not found", 404, error("ORDER_NOT_EXIST"), WechatAnswersTest::query, new TradeStatus.NotFound()),
                row("query refused otherwise", 400, error("PARAM_ERROR"), WechatAnswersTest::query,
                        new TradeStatus.Unknown("query refused: PARAM_ERROR")),
                // close
                row("close done", 204, "", WechatAnswersTest::close, new CloseOutcome.Closed()),
                row("close of a closed trade", 400, error("ORDERCLOSED"), WechatAnswersTest::close, new CloseOutcome.Closed()),
                row("close of an unknown trade", 404, error("ORDER_NOT_EXIST"), WechatAnswersTest::close, new CloseOutcome.NotFound()),
                row("close refused otherwise", 403, error("NO_AUTH"), WechatAnswersTest::close, new CloseOutcome.Unknown("close refused: NO_AUTH")),
                // refund (the trade is asked first: every call here gets the same answer, so only the
                // transaction answers reach the refund itself; see refund_* in WechatChannelIT)
                row("refund of an unpaid trade", 200, transaction("NOTPAY", PAY, null), WechatAnswersTest::refund,
                        new RefundOutcome.Failed("the trade is not paid")),
                row("refund when the trade cannot be asked", 500, error("SYSTEM_ERROR"), WechatAnswersTest::refund,
                        new RefundOutcome.Unknown("order total unknown, no refund sent: query: WeChat Pay answered 500 SYSTEM_ERROR")),
                // refund query
                row("refund query SUCCESS", 200, refund("SUCCESS", REF), WechatAnswersTest::queryRefund, new RefundQuery.Succeeded("503001", 400)),
                row("refund query PROCESSING", 200, refund("PROCESSING", REF), WechatAnswersTest::queryRefund, new RefundQuery.Processing()),
                row("refund query CLOSED", 200, refund("CLOSED", REF), WechatAnswersTest::queryRefund, new RefundQuery.Failed("CLOSED")),
                row("refund query ABNORMAL", 200, refund("ABNORMAL", REF), WechatAnswersTest::queryRefund, new RefundQuery.Failed("ABNORMAL")),
                row("refund query of another refund", 200, refund("SUCCESS", "ref_other"), WechatAnswersTest::queryRefund,
                        new RefundQuery.Unknown("the answer names another refund or trade, or no status")),
                row("refund query not found", 404, error("RESOURCE_NOT_EXISTS"), WechatAnswersTest::queryRefund, new RefundQuery.NotFound()),
                row("refund query system error", 500, error("SYSTEM_ERROR"), WechatAnswersTest::queryRefund,
                        new RefundQuery.Unknown("refund query: WeChat Pay answered 500 SYSTEM_ERROR")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("answers")
    void each_signed_answer_means_what_wechat_pay_documents(String name, int status, String body, Function<PaymentChannel, Object> call,
                                                            Object expected) {
        assertThat(call.apply(channel(answering(status, body, true)))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}, unsigned")
    @MethodSource("answers")
    void the_same_answer_without_the_platform_signature_settles_nothing(String name, int status, String body,
                                                                        Function<PaymentChannel, Object> call, Object expected) {
        Object outcome = call.apply(channel(answering(status, body, false)));

        assertThat(outcome.getClass().getSimpleName()).isEqualTo("Unknown");
    }

    @org.junit.jupiter.api.Test
    void a_refund_processing_is_unknown_until_queried_and_closed_or_abnormal_fail() {
        for (String state : new String[] {"PROCESSING", "CLOSED", "ABNORMAL", "SUCCESS"}) {
            Interceptor answers = chain -> chain.request().url().encodedPath().startsWith("/v3/refund")
                    ? signed(chain, 200, refund(state, REF), true)
                    : signed(chain, 200, transaction("SUCCESS", PAY, "420001"), true);
            RefundOutcome outcome = channel(answers).refund(new RefundRequest(PAY, REF, 400, "CNY"));
            switch (state) {
                case "PROCESSING" -> assertThat(outcome).isEqualTo(new RefundOutcome.Unknown("PROCESSING: accepted by WeChat Pay; a refund query settles it"));
                case "SUCCESS" -> assertThat(outcome).isEqualTo(new RefundOutcome.Succeeded("503001"));
                default -> assertThat(outcome).isEqualTo(new RefundOutcome.Failed(state));
            }
        }
    }

    @org.junit.jupiter.api.Test
    void a_refused_refund_fails_with_wechat_pays_code_and_a_close_of_a_paid_trade_reports_the_payment() {
        Interceptor refuses = chain -> chain.request().url().encodedPath().startsWith("/v3/refund")
                ? signed(chain, 403, "{\"code\":\"NOT_ENOUGH\",\"message\":\"余额不足\"}", true)
                : signed(chain, 200, transaction("SUCCESS", PAY, "420001"), true);
        Interceptor paidFirst = chain -> chain.request().url().encodedPath().endsWith("/close")
                ? signed(chain, 400, error("ORDERPAID"), true)
                : signed(chain, 200, transaction("SUCCESS", PAY, "420001"), true);

        assertThat(channel(refuses).refund(new RefundRequest(PAY, REF, 400, "CNY"))).isEqualTo(new RefundOutcome.Failed("NOT_ENOUGH: 余额不足"));
        assertThat(channel(paidFirst).closeTrade(PAY)).isEqualTo(new CloseOutcome.AlreadyPaid("420001", 990, "CNY"));
    }

    private static Arguments row(String name, int status, String body, Function<PaymentChannel, Object> call, Object expected) {
        return Arguments.of(name, status, body, call, expected);
    }

    private static Object create(PaymentChannel channel) {
        return channel.createTrade(new TradeRequest(PAY, "ord_1", 990, "CNY", "card key"));
    }

    private static Object query(PaymentChannel channel) {
        return channel.queryTrade(PAY);
    }

    private static Object close(PaymentChannel channel) {
        return channel.closeTrade(PAY);
    }

    private static Object refund(PaymentChannel channel) {
        return channel.refund(new RefundRequest(PAY, REF, 400, "CNY"));
    }

    private static Object queryRefund(PaymentChannel channel) {
        return channel.queryRefund(PAY, REF);
    }

    private static Interceptor answering(int status, String body, boolean signed) {
        return chain -> signed(chain, status, body, signed);
    }

    /** WeChat Pay's answer, its Wechatpay-* headers signed with the platform key (or with another key). */
    private static Response signed(Interceptor.Chain chain, int status, String body, boolean genuine) {
        String timestamp = Long.toString(Instant.now().getEpochSecond());
        String nonce = "n0nce" + timestamp;
        java.security.PrivateKey key = genuine ? KEYS.wechatPlatform().getPrivate() : FORGER;
        String signature = new RSASigner(KEYS.wechatPlatformPublicKeyId(), key).sign(timestamp + "\n" + nonce + "\n" + body + "\n").getSign();
        return new Response.Builder().request(chain.request()).protocol(Protocol.HTTP_1_1).code(status).message("answer")
                .header("Wechatpay-Timestamp", timestamp).header("Wechatpay-Nonce", nonce)
                .header("Wechatpay-Serial", KEYS.wechatPlatformPublicKeyId()).header("Wechatpay-Signature", signature)
                .body(ResponseBody.create(body, body.isEmpty() ? null : MediaType.get("application/json")))
                .build();
    }

    private static WechatChannel channel(Interceptor answers) {
        WechatProperties properties = new WechatProperties(true, "https://api.mch.weixin.qq.com", KEYS.wechatAppId(), KEYS.wechatMchId(),
                KEYS.wechatMerchantSerial(), null, null, null, null, KEYS.wechatPlatformPublicKeyId(), null, null,
                "https://shop.example/v1/callbacks/wechat", Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofMinutes(5));
        WechatKeys keys = new WechatKeys(KEYS.wechatMerchant().getPrivate(), KEYS.wechatPlatform().getPublic(), KEYS.wechatApiV3Key());
        return WechatChannelConfig.channel(properties, keys, URI.create("https://api.mch.weixin.qq.com"),
                new NotifyUrl(properties.notifyUrl()), Clock.systemUTC(), http -> http.addInterceptor(answers));
    }

    private static String error(String code) {
        return "{\"code\":\"" + code + "\",\"message\":\"m\"}";
    }

    private static String transaction(String state, String outTradeNo, String transactionId) {
        return "{\"appid\":\"" + KEYS.wechatAppId() + "\",\"mchid\":\"" + KEYS.wechatMchId() + "\",\"out_trade_no\":\"" + outTradeNo + "\","
                + (transactionId == null ? "" : "\"transaction_id\":\"" + transactionId + "\",")
                + "\"trade_type\":\"NATIVE\",\"trade_state\":\"" + state + "\",\"amount\":{\"total\":990,\"currency\":\"CNY\"}}";
    }

    private static String refund(String status, String outRefundNo) {
        return "{\"refund_id\":\"503001\",\"out_refund_no\":\"" + outRefundNo + "\",\"transaction_id\":\"420001\",\"out_trade_no\":\"" + PAY
                + "\",\"status\":\"" + status + "\",\"amount\":{\"total\":990,\"refund\":400,\"currency\":\"CNY\"}}";
    }
}
