package io.payonce.callbacks;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import io.payonce.channels.Rsa2Signatures;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Builds Alipay-style notifications as the simulated gateway would, signed with its own key (read from its table). */
final class Notifications {

    /** The simulated alipay's app_id; a notification for another app is refused. */
    static final String ALIPAY_APP_ID = "2021000000000001";

    private final PrivateKey gatewayKey;

    Notifications(JdbcClient jdbc) {
        byte[] der = jdbc.sql("SELECT private_key FROM sim_channel_keys WHERE channel = 'alipay'").query(byte[].class).single();
        try {
            this.gatewayKey = Rsa2Signatures.privateKeyFromDer(der);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    Map<String, String> signed(String paymentId, String tradeNo, String totalAmount, String tradeStatus) {
        return signed(paymentId, tradeNo, totalAmount, tradeStatus, gatewayKey);
    }

    static Map<String, String> signed(String paymentId, String tradeNo, String totalAmount, String tradeStatus, PrivateKey key) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("notify_type", "trade_status_sync");
        form.put("notify_id", UUID.randomUUID().toString());
        form.put("app_id", ALIPAY_APP_ID);
        form.put("out_trade_no", paymentId);
        form.put("trade_no", tradeNo);
        form.put("trade_status", tradeStatus);
        form.put("total_amount", totalAmount);
        form.put("currency", "CNY");
        form.put("sign", Rsa2Signatures.sign(form, key));
        form.put("sign_type", Rsa2Signatures.SIGN_TYPE);
        return form;
    }
}
