package io.payonce.gateway.wechat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPairGenerator;
import java.time.Clock;

import com.wechat.pay.java.core.RSAPublicKeyConfig;
import com.wechat.pay.java.core.exception.ServiceException;
import com.wechat.pay.java.core.exception.ValidationException;
import com.wechat.pay.java.core.http.HttpClient;
import com.wechat.pay.java.service.payments.model.Transaction;
import com.wechat.pay.java.service.payments.nativepay.NativePayService;
import com.wechat.pay.java.service.payments.nativepay.model.Amount;
import com.wechat.pay.java.service.payments.nativepay.model.CloseOrderRequest;
import com.wechat.pay.java.service.payments.nativepay.model.PrepayRequest;
import com.wechat.pay.java.service.payments.nativepay.model.PrepayResponse;
import com.wechat.pay.java.service.payments.nativepay.model.QueryOrderByOutTradeNoRequest;
import com.wechat.pay.java.service.refund.RefundService;
import com.wechat.pay.java.service.refund.model.AmountReq;
import com.wechat.pay.java.service.refund.model.CreateRequest;
import com.wechat.pay.java.service.refund.model.QueryByOutRefundNoRequest;
import com.wechat.pay.java.service.refund.model.Refund;
import com.wechat.pay.java.service.refund.model.Status;
import io.payonce.gateway.book.AnswerLost;
import io.payonce.gateway.keys.SandboxKeys;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sandbox's WeChat Pay v3 API as the official SDK sees it over HTTP: each answer verifies
 * with the platform key the merchant holds and reads into the SDK's own models; a request the
 * merchant did not sign is refused with WeChat Pay's 401 SIGN_ERROR.
 */
class WechatV3ApiSdkTest {

    private static final SandboxKeys KEYS = SandboxKeys.generate();
    private static InMemoryBook book;
    private static WechatWebTestServer server;
    private static NativePayService pay;
    private static RefundService refunds;

    @BeforeAll
    static void start() throws Exception {
        book = new InMemoryBook(Clock.systemUTC());
        server = new WechatWebTestServer(book, KEYS, Clock.systemUTC());
        HttpClient http = SdkClients.httpClient(SdkClients.merchantConfig(KEYS), server.baseUrl());
        pay = new NativePayService.Builder().httpClient(http).build();
        refunds = new RefundService.Builder().httpClient(http).build();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void prepay_answer_verifies_and_names_the_sandbox_pay_page() {
        PrepayResponse answer = pay.prepay(prepay("pay_prepay_000001", 1234));

        assertThat(answer.getCodeUrl()).isEqualTo(server.baseUrl() + "/sandbox/wechat/pay/pay_prepay_000001");
        assertThat(book.find("wechat", "pay_prepay_000001")).get().extracting(t -> t.amount()).isEqualTo(1234L);
    }

    @Test
    void a_repeated_prepay_finds_the_same_trade_and_another_amount_is_refused() {
        pay.prepay(prepay("pay_repeat_000001", 500));
        assertThat(pay.prepay(prepay("pay_repeat_000001", 500)).getCodeUrl()).endsWith("/pay_repeat_000001");

        assertThatThrownBy(() -> pay.prepay(prepay("pay_repeat_000001", 501)))
                .isInstanceOfSatisfying(ServiceException.class, e -> {
                    assertThat(e.getHttpStatusCode()).isEqualTo(400);
                    assertThat(e.getErrorCode()).isEqualTo("INVALID_REQUEST");
                });
    }

    @Test
    void query_reads_notpay_then_success_with_the_transaction_id() {
        pay.prepay(prepay("pay_query_0000001", 990));
        assertThat(query("pay_query_0000001").getTradeState()).isEqualTo(Transaction.TradeStateEnum.NOTPAY);
        assertThat(query("pay_query_0000001").getTransactionId()).isNull();

        String tradeNo = book.pay("pay_query_0000001").tradeNo();
        Transaction paid = query("pay_query_0000001");

        assertThat(paid.getTradeState()).isEqualTo(Transaction.TradeStateEnum.SUCCESS);
        assertThat(paid.getTransactionId()).isEqualTo(tradeNo);
        assertThat(paid.getAmount().getTotal()).isEqualTo(990);
        assertThat(paid.getAmount().getCurrency()).isEqualTo("CNY");
        assertThat(paid.getOutTradeNo()).isEqualTo("pay_query_0000001");
        assertThat(paid.getMchid()).isEqualTo(KEYS.wechatMchId());
        assertThat(paid.getAppid()).isEqualTo(KEYS.wechatAppId());
        assertThat(paid.getSuccessTime()).endsWith("+08:00");
    }

    @Test
    void query_of_an_unknown_trade_is_order_not_exist() {
        assertThatThrownBy(() -> query("pay_never_opened_1"))
                .isInstanceOfSatisfying(ServiceException.class, e -> {
                    assertThat(e.getHttpStatusCode()).isEqualTo(404);
                    assertThat(e.getErrorCode()).isEqualTo("ORDER_NOT_EXIST");
                });
    }

    @Test
    void close_answers_a_signed_204_and_a_paid_trade_refuses_with_orderpaid() {
        pay.prepay(prepay("pay_close_0000001", 100));
        pay.closeOrder(close("pay_close_0000001"));
        assertThat(query("pay_close_0000001").getTradeState()).isEqualTo(Transaction.TradeStateEnum.CLOSED);

        pay.prepay(prepay("pay_close_0000002", 100));
        book.pay("pay_close_0000002");
        assertThatThrownBy(() -> pay.closeOrder(close("pay_close_0000002")))
                .isInstanceOfSatisfying(ServiceException.class, e -> {
                    assertThat(e.getHttpStatusCode()).isEqualTo(400);
                    assertThat(e.getErrorCode()).isEqualTo("ORDERPAID");
                });
    }

    @Test
    void refund_and_its_query_answer_success_and_a_refund_past_the_paid_amount_is_refused() {
        pay.prepay(prepay("pay_refund_000001", 1000));
        book.pay("pay_refund_000001");

        Refund done = refunds.create(refund("pay_refund_000001", "ref_refund_000001", 400, 1000));
        assertThat(done.getStatus()).isEqualTo(Status.SUCCESS);
        assertThat(done.getAmount().getRefund()).isEqualTo(400L);
        assertThat(done.getRefundId()).isNotBlank();

        QueryByOutRefundNoRequest ask = new QueryByOutRefundNoRequest();
        ask.setOutRefundNo("ref_refund_000001");
        Refund found = refunds.queryByOutRefundNo(ask);
        assertThat(found.getRefundId()).isEqualTo(done.getRefundId());
        assertThat(found.getOutTradeNo()).isEqualTo("pay_refund_000001");
        assertThat(query("pay_refund_000001").getTradeState()).isEqualTo(Transaction.TradeStateEnum.REFUND);

        assertThatThrownBy(() -> refunds.create(refund("pay_refund_000001", "ref_refund_000002", 601, 1000)))
                .isInstanceOfSatisfying(ServiceException.class, e -> assertThat(e.getErrorCode()).isEqualTo("INVALID_REQUEST"));
    }

    @Test
    void refund_query_of_an_unknown_refund_is_resource_not_exists() {
        QueryByOutRefundNoRequest ask = new QueryByOutRefundNoRequest();
        ask.setOutRefundNo("ref_never_made_01");

        assertThatThrownBy(() -> refunds.queryByOutRefundNo(ask))
                .isInstanceOfSatisfying(ServiceException.class, e -> {
                    assertThat(e.getHttpStatusCode()).isEqualTo(404);
                    assertThat(e.getErrorCode()).isEqualTo("RESOURCE_NOT_EXISTS");
                });
    }

    @Test
    void a_request_signed_with_another_merchant_key_is_refused_and_opens_nothing() throws Exception {
        RSAPublicKeyConfig impostor = SdkClients.config(KEYS, otherKeyPair().getPrivate(), KEYS.wechatPlatform().getPublic());
        NativePayService forged = new NativePayService.Builder().httpClient(SdkClients.httpClient(impostor, server.baseUrl())).build();

        assertThatThrownBy(() -> forged.prepay(prepay("pay_forged_000001", 100)))
                .isInstanceOfSatisfying(ServiceException.class, e -> {
                    assertThat(e.getHttpStatusCode()).isEqualTo(401);
                    assertThat(e.getErrorCode()).isEqualTo("SIGN_ERROR");
                });
        assertThat(book.find("wechat", "pay_forged_000001")).isEmpty();
    }

    @Test
    void the_sdk_refuses_answers_when_it_holds_another_platform_key() throws Exception {
        RSAPublicKeyConfig wrongPlatform = SdkClients.config(KEYS, KEYS.wechatMerchant().getPrivate(), otherKeyPair().getPublic());
        NativePayService fooled = new NativePayService.Builder().httpClient(SdkClients.httpClient(wrongPlatform, server.baseUrl())).build();

        assertThatThrownBy(() -> fooled.prepay(prepay("pay_wrong_platform", 100))).isInstanceOf(ValidationException.class);
    }

    @Test
    void a_lost_answer_is_asked_of_the_web_layer_after_the_trade_was_opened() {
        InMemoryBook losing = new InMemoryBook(Clock.systemUTC());
        losing.loseNextAnswer = true;
        String body = "{\"appid\":\"" + KEYS.wechatAppId() + "\",\"mchid\":\"" + KEYS.wechatMchId() + "\",\"description\":\"x\","
                + "\"out_trade_no\":\"pay_lost_00000001\",\"notify_url\":\"http://127.0.0.1:1/n\",\"amount\":{\"total\":100}}";
        String header = MerchantSignaturesTest.authorization(KEYS.wechatMerchant().getPrivate(), KEYS.wechatMchId(),
                KEYS.wechatMerchantSerial(), "POST", "/v3/pay/transactions/native", body, java.time.Instant.now());

        assertThatThrownBy(() -> new WechatV3Api(losing, KEYS, Clock.systemUTC())
                .handle(new WechatCall("POST", "/v3/pay/transactions/native", null, header, body, "http://127.0.0.1:9090")))
                .isInstanceOf(AnswerLost.class);
        assertThat(losing.find("wechat", "pay_lost_00000001")).isPresent();
    }

    @Test
    void a_fault_switch_decline_is_trade_error_403() {
        book.declineNext = true;

        assertThatThrownBy(() -> pay.prepay(prepay("pay_declined_00001", 100)))
                .isInstanceOfSatisfying(ServiceException.class, e -> {
                    assertThat(e.getHttpStatusCode()).isEqualTo(403);
                    assertThat(e.getErrorCode()).isEqualTo("TRADE_ERROR");
                });
    }

    static java.security.KeyPair otherKeyPair() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    private static Transaction query(String outTradeNo) {
        QueryOrderByOutTradeNoRequest ask = new QueryOrderByOutTradeNoRequest();
        ask.setOutTradeNo(outTradeNo);
        ask.setMchid(KEYS.wechatMchId());
        return pay.queryOrderByOutTradeNo(ask);
    }

    private static CloseOrderRequest close(String outTradeNo) {
        CloseOrderRequest close = new CloseOrderRequest();
        close.setOutTradeNo(outTradeNo);
        close.setMchid(KEYS.wechatMchId());
        return close;
    }

    static PrepayRequest prepay(String outTradeNo, int total) {
        PrepayRequest request = new PrepayRequest();
        request.setAppid(KEYS.wechatAppId());
        request.setMchid(KEYS.wechatMchId());
        request.setDescription("card key x1");
        request.setOutTradeNo(outTradeNo);
        request.setNotifyUrl("http://127.0.0.1:1/v1/callbacks/wechat");
        Amount amount = new Amount();
        amount.setTotal(total);
        amount.setCurrency("CNY");
        request.setAmount(amount);
        return request;
    }

    private static CreateRequest refund(String outTradeNo, String outRefundNo, long refund, long total) {
        CreateRequest request = new CreateRequest();
        request.setOutTradeNo(outTradeNo);
        request.setOutRefundNo(outRefundNo);
        AmountReq amount = new AmountReq();
        amount.setRefund(refund);
        amount.setTotal(total);
        amount.setCurrency("CNY");
        request.setAmount(amount);
        return request;
    }
}
