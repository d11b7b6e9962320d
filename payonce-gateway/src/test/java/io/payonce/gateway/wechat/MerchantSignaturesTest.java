package io.payonce.gateway.wechat;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import com.wechat.pay.java.core.cipher.RSASigner;
import io.payonce.gateway.keys.SandboxKeys;
import org.junit.jupiter.api.Test;

/**
 * The attacks on the sandbox's v3 API that the SDK cannot make by itself: a body changed after
 * signing, a signed request replayed later, a header in another shape. Each is WeChat Pay's 401
 * SIGN_ERROR and opens no trade.
 */
class MerchantSignaturesTest {

    private static final SandboxKeys KEYS = SandboxKeys.generate();
    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
    private static final String PATH = "/v3/pay/transactions/native";

    private final InMemoryBook book = new InMemoryBook(Clock.fixed(NOW, ZoneOffset.UTC));
    private final WechatV3Api api = new WechatV3Api(book, KEYS, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void a_correctly_signed_request_is_answered() {
        WechatAnswer answer = api.handle(call(body("pay_signed_000001", 100), authorization(body("pay_signed_000001", 100), NOW)));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(book.find("wechat", "pay_signed_000001")).isPresent();
    }

    @Test
    void a_body_changed_after_signing_is_refused() {
        String signed = body("pay_tampered_0001", 100);

        WechatAnswer answer = api.handle(call(body("pay_tampered_0001", 1), authorization(signed, NOW)));

        assertRefused(answer, "pay_tampered_0001");
    }

    @Test
    void a_signed_request_replayed_after_five_minutes_is_refused() {
        String body = body("pay_replayed_0001", 100);

        WechatAnswer answer = api.handle(call(body, authorization(body, NOW.minus(Duration.ofMinutes(5)).minusSeconds(1))));

        assertRefused(answer, "pay_replayed_0001");
        assertThat(answer.body()).contains("5 minutes");
    }

    @Test
    void a_request_from_the_future_is_refused_too() {
        String body = body("pay_future_000001", 100);

        assertRefused(api.handle(call(body, authorization(body, NOW.plus(Duration.ofMinutes(6))))), "pay_future_000001");
    }

    @Test
    void a_request_signed_by_another_key_under_the_merchants_serial_is_refused() throws Exception {
        String body = body("pay_otherkey_0001", 100);
        String forged = authorization(WechatV3ApiSdkTest.otherKeyPair().getPrivate(), KEYS.wechatMchId(), KEYS.wechatMerchantSerial(), body, NOW);

        assertRefused(api.handle(call(body, forged)), "pay_otherkey_0001");
    }

    @Test
    void another_merchant_id_or_serial_is_refused() {
        String body = body("pay_othermch_0001", 100);
        PrivateKey key = KEYS.wechatMerchant().getPrivate();

        assertRefused(api.handle(call(body, authorization(key, "1900000999", KEYS.wechatMerchantSerial(), body, NOW))), "pay_othermch_0001");
        assertRefused(api.handle(call(body, authorization(key, KEYS.wechatMchId(), "0123ABCD", body, NOW))), "pay_othermch_0001");
    }

    @Test
    void a_missing_or_malformed_authorization_is_refused() {
        String body = body("pay_malformed_001", 100);
        String good = authorization(body, NOW);

        assertRefused(api.handle(call(body, null)), "pay_malformed_001");
        assertRefused(api.handle(call(body, good.replace("WECHATPAY2-SHA256-RSA2048", "WECHATPAY2-SHA256-RSA4096"))), "pay_malformed_001");
        assertRefused(api.handle(call(body, good + ",mchid=\"" + KEYS.wechatMchId() + "\"")), "pay_malformed_001");
        assertRefused(api.handle(call(body, good.replaceAll("signature=\"[^\"]*\"", "signature=\"!!notbase64!!\""))), "pay_malformed_001");
    }

    @Test
    void the_signature_covers_the_query_string() {
        String url = "/v3/pay/transactions/out-trade-no/pay_query_sign_01?mchid=" + KEYS.wechatMchId();
        String header = authorization(KEYS.wechatMerchant().getPrivate(), KEYS.wechatMchId(), KEYS.wechatMerchantSerial(), "GET", url, "", NOW);

        WechatAnswer other = api.handle(new WechatCall("GET", "/v3/pay/transactions/out-trade-no/pay_query_sign_01", "mchid=1900000999",
                header, "", "http://127.0.0.1:9090"));
        WechatAnswer same = api.handle(new WechatCall("GET", "/v3/pay/transactions/out-trade-no/pay_query_sign_01",
                "mchid=" + KEYS.wechatMchId(), header, "", "http://127.0.0.1:9090"));

        assertThat(other.status()).isEqualTo(401);
        assertThat(same.status()).isEqualTo(404);
        assertThat(same.body()).contains("ORDER_NOT_EXIST");
    }

    @Test
    void a_malformed_body_is_param_error_with_a_signed_answer() {
        String body = "{\"appid\": 7}";

        WechatAnswer answer = api.handle(call(body, authorization(body, NOW)));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body()).contains("\"code\":\"PARAM_ERROR\"");
        assertThat(answer.headers()).containsKeys("Wechatpay-Signature", "Wechatpay-Timestamp", "Wechatpay-Nonce", "Wechatpay-Serial");
    }

    private void assertRefused(WechatAnswer answer, String outTradeNo) {
        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.body()).startsWith("{\"code\":\"SIGN_ERROR\"");
        assertThat(answer.headers()).containsEntry("Wechatpay-Serial", KEYS.wechatPlatformPublicKeyId());
        assertThat(book.find("wechat", outTradeNo)).isEmpty();
    }

    private static WechatCall call(String body, String authorization) {
        return new WechatCall("POST", PATH, null, authorization, body, "http://127.0.0.1:9090");
    }

    private static String body(String outTradeNo, int total) {
        return "{\"appid\":\"" + KEYS.wechatAppId() + "\",\"mchid\":\"" + KEYS.wechatMchId() + "\",\"description\":\"card key\","
                + "\"out_trade_no\":\"" + outTradeNo + "\",\"notify_url\":\"http://127.0.0.1:1/v1/callbacks/wechat\","
                + "\"amount\":{\"total\":" + total + ",\"currency\":\"CNY\"}}";
    }

    private static String authorization(String body, Instant at) {
        return authorization(KEYS.wechatMerchant().getPrivate(), KEYS.wechatMchId(), KEYS.wechatMerchantSerial(), body, at);
    }

    private static String authorization(PrivateKey key, String mchId, String serial, String body, Instant at) {
        return authorization(key, mchId, serial, "POST", PATH, body, at);
    }

    /** The header as the SDK's WechatPay2Credential writes it, at a chosen time. */
    static String authorization(PrivateKey key, String mchId, String serial, String method, String url, String body, Instant at) {
        String nonce = "n0nce" + at.getEpochSecond();
        String message = method + "\n" + url + "\n" + at.getEpochSecond() + "\n" + nonce + "\n" + body + "\n";
        String signature = new RSASigner(serial, key).sign(message).getSign();
        return "WECHATPAY2-SHA256-RSA2048 mchid=\"" + mchId + "\",nonce_str=\"" + nonce + "\",timestamp=\"" + at.getEpochSecond()
                + "\",serial_no=\"" + serial + "\",signature=\"" + signature + "\"";
    }
}
