package io.payonce.callbacks;

import java.security.PrivateKey;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import com.alipay.api.AlipayApiException;
import com.alipay.api.internal.util.AlipaySignature;
import io.payonce.gateway.keys.SandboxKeys;
import io.payonce.support.SandboxGatewayServer;

/**
 * Builds Alipay notifications by hand, signed with the key of the tests' sandbox gateway, for
 * tests that must send what the gateway never would (wrong amounts, forged signatures, storms).
 */
final class Notifications {

    private static final SandboxKeys KEYS = SandboxKeys.loadOrCreate(SandboxGatewayServer.get().keysDir());
    /** The sandbox's alipay app_id; a notification for another app is refused. */
    static final String ALIPAY_APP_ID = KEYS.alipayAppId();

    private final PrivateKey gatewayKey = KEYS.alipayGateway().getPrivate();

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
        form.put("sign_type", "RSA2");
        try {
            // A copy: the SDK removes sign and sign_type from the map it is given.
            form.put("sign", AlipaySignature.rsaSign(AlipaySignature.getSignCheckContentV1(new LinkedHashMap<>(form)),
                    Base64.getEncoder().encodeToString(key.getEncoded()), "UTF-8", "RSA2"));
        } catch (AlipayApiException e) {
            throw new IllegalStateException(e);
        }
        return form;
    }

    /** A key that is not the gateway's: what a forger signs with. */
    static PrivateKey forgersKey() {
        return SandboxKeys.generate().alipayGateway().getPrivate();
    }
}
