package io.payonce.channels.alipay;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;

import com.alipay.api.internal.util.AlipaySignature;
import io.payonce.channels.PaymentChannel.Notification;
import io.payonce.gateway.keys.SandboxKeys;
import org.junit.jupiter.api.Test;

/** Alipay's notification form, signed by the SDK as Alipay signs it, and the ways a forged one is refused. */
class AlipayNotificationsTest {

    private static final SandboxKeys KEYS = SandboxKeys.generate();
    private static final String APP_ID = KEYS.alipayAppId();
    private final AlipayNotifications notifications = new AlipayNotifications(APP_ID, base64(KEYS.alipayGateway().getPublic().getEncoded()));

    @Test
    void a_verified_trade_success_is_paid_with_its_exact_amount_in_fen() {
        Notification parsed = notifications.parse(body(signed(fields("TRADE_SUCCESS", "100000000.00"), KEYS.alipayGateway())));

        assertThat(parsed).isEqualTo(new Notification.Paid("p-1", "2026113022001400001", 10_000_000_000L, "CNY", "n-1"));
        assertThat(notifications.parse(body(signed(fields("TRADE_SUCCESS", "0.01"), KEYS.alipayGateway()))))
                .isEqualTo(new Notification.Paid("p-1", "2026113022001400001", 1, "CNY", "n-1"));
    }

    @Test
    void trade_closed_is_closed_unless_it_reports_a_refund_and_other_statuses_need_nothing() {
        assertThat(notifications.parse(body(signed(fields("TRADE_CLOSED", "1.00"), KEYS.alipayGateway()))))
                .isEqualTo(new Notification.Closed("p-1", "2026113022001400001", "n-1"));
        Map<String, String> refundedInFull = fields("TRADE_CLOSED", "1.00");
        refundedInFull.put("refund_fee", "1.00");
        assertThat(notifications.parse(body(signed(refundedInFull, KEYS.alipayGateway())))).isInstanceOf(Notification.Other.class);
        assertThat(notifications.parse(body(signed(fields("WAIT_BUYER_PAY", "1.00"), KEYS.alipayGateway()))))
                .isEqualTo(new Notification.Other("p-1", "2026113022001400001", "WAIT_BUYER_PAY", "n-1"));
        assertThat(notifications.parse(body(signed(fields("TRADE_FINISHED", "1.00"), KEYS.alipayGateway()))))
                .isInstanceOf(Notification.Other.class);
        assertThat(notifications.parse(body(signed(fields("TRADE_WHATEVER", "1.00"), KEYS.alipayGateway()))))
                .isInstanceOf(Notification.Invalid.class);
    }

    @Test
    void a_notification_signed_with_another_key_is_refused() {
        KeyPair forger = SandboxKeys.generate().alipayGateway();

        assertThat(notifications.parse(body(signed(fields("TRADE_SUCCESS", "1.00"), forger))))
                .isEqualTo(new Notification.Invalid("signature does not verify under Alipay's public key"));
    }

    @Test
    void a_tampered_amount_status_or_trade_is_refused() {
        for (String[] change : new String[][] {{"total_amount", "9999.00"}, {"trade_status", "TRADE_SUCCESS"}, {"out_trade_no", "p-2"}}) {
            Map<String, String> form = signed(fields("WAIT_BUYER_PAY", "1.00"), KEYS.alipayGateway());
            form.put(change[0], change[1]);

            assertThat(notifications.parse(body(form))).as(change[0]).isInstanceOf(Notification.Invalid.class);
        }
    }

    @Test
    void a_genuine_notification_for_another_app_is_refused() {
        Map<String, String> fields = fields("TRADE_SUCCESS", "1.00");
        fields.put("app_id", "2021000000009999");

        assertThat(notifications.parse(body(signed(fields, KEYS.alipayGateway()))))
                .isEqualTo(new Notification.Invalid("for another app_id"));
    }

    @Test
    void a_field_sent_twice_an_unsigned_or_rsa1_form_and_missing_ids_are_refused() {
        String genuine = new String(body(signed(fields("TRADE_SUCCESS", "1.00"), KEYS.alipayGateway())), StandardCharsets.UTF_8);
        assertThat(notifications.parse((genuine + "&total_amount=9999.00").getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(Notification.Invalid.class);

        Map<String, String> unsigned = fields("TRADE_SUCCESS", "1.00");
        assertThat(notifications.parse(body(unsigned))).isEqualTo(new Notification.Invalid("not signed with RSA2"));

        Map<String, String> rsa1 = signed(fields("TRADE_SUCCESS", "1.00"), KEYS.alipayGateway());
        rsa1.put("sign_type", "RSA");
        assertThat(notifications.parse(body(rsa1))).isEqualTo(new Notification.Invalid("not signed with RSA2"));

        Map<String, String> noNotifyId = fields("TRADE_SUCCESS", "1.00");
        noNotifyId.remove("notify_id");
        assertThat(notifications.parse(body(signed(noNotifyId, KEYS.alipayGateway())))).isInstanceOf(Notification.Invalid.class);
    }

    @Test
    void an_amount_that_is_not_plain_yuan_is_refused_even_when_signed() {
        for (String amount : new String[] {"0.001", "-1.00", "1e2", "0.00", "100000000.01"}) {
            assertThat(notifications.parse(body(signed(fields("TRADE_SUCCESS", amount), KEYS.alipayGateway()))))
                    .as(amount).isInstanceOf(Notification.Invalid.class);
        }
    }

    @Test
    void seeded_random_bytes_and_oversized_bodies_are_refused_and_never_throw() {
        Random random = new Random(20261130);
        for (int i = 0; i < 2_000; i++) {
            byte[] junk = new byte[random.nextInt(300)];
            random.nextBytes(junk);
            assertThat(notifications.parse(junk)).isInstanceOf(Notification.Invalid.class);
        }
        assertThat(notifications.parse(new byte[AlipayForm.BODY_BYTES_MAX + 1])).isInstanceOf(Notification.Invalid.class);
        assertThat(notifications.parse("a=%zz&b=1".getBytes(StandardCharsets.UTF_8))).isInstanceOf(Notification.Invalid.class);
        assertThat(notifications.parse("&".repeat(100).getBytes(StandardCharsets.UTF_8))).isInstanceOf(Notification.Invalid.class);
    }

    /** A notification's fields as Alipay sends them (UTF-8, with Chinese text). */
    static Map<String, String> fields(String status, String amount) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("notify_time", "2026-11-30 12:00:01");
        fields.put("notify_type", "trade_status_sync");
        fields.put("notify_id", "n-1");
        fields.put("app_id", APP_ID);
        fields.put("charset", "utf-8");
        fields.put("version", "1.0");
        fields.put("sign_type", "RSA2");
        fields.put("trade_no", "2026113022001400001");
        fields.put("out_trade_no", "p-1");
        fields.put("trade_status", status);
        fields.put("total_amount", amount);
        fields.put("subject", "卡密 & more = one");
        fields.put("gmt_create", "2026-11-30 12:00:00");
        return fields;
    }

    /** Signed as Alipay signs notifications: the SDK's V1 content, RSA2 under the gateway's private key. */
    static Map<String, String> signed(Map<String, String> fields, KeyPair gateway) {
        try {
            String content = AlipaySignature.getSignCheckContentV1(new HashMap<>(fields));
            Map<String, String> signed = new LinkedHashMap<>(fields);
            signed.put("sign", AlipaySignature.rsa256Sign(content, base64(gateway.getPrivate().getEncoded()), "UTF-8"));
            return signed;
        } catch (com.alipay.api.AlipayApiException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] body(Map<String, String> form) {
        return form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&")).getBytes(StandardCharsets.UTF_8);
    }

    static String base64(byte[] der) {
        return Base64.getEncoder().encodeToString(der);
    }
}
