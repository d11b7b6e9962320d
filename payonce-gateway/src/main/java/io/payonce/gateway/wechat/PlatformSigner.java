package io.payonce.gateway.wechat;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import com.wechat.pay.java.core.cipher.RSASigner;
import com.wechat.pay.java.core.cipher.Signer;
import com.wechat.pay.java.core.util.NonceUtil;
import io.payonce.gateway.keys.SandboxKeys;

/**
 * Signs what the sandbox sends as WeChat Pay (answers and notifications) with the platform's
 * private key, with the SDK's own {@link RSASigner}: {@code timestamp\nnonce\nbody\n}, carried
 * in the {@code Wechatpay-*} headers with the platform public key id as {@code Wechatpay-Serial}.
 */
final class PlatformSigner {

    static final String SIGNATURE_TYPE = "WECHATPAY2-SHA256-RSA2048";
    /** The length of the SDK's own nonces. */
    private static final int NONCE_LENGTH = 32;

    private final Signer signer;
    private final String publicKeyId;
    private final Clock clock;

    PlatformSigner(SandboxKeys keys, Clock clock) {
        this.publicKeyId = keys.wechatPlatformPublicKeyId();
        this.signer = new RSASigner(publicKeyId, keys.wechatPlatform().getPrivate());
        this.clock = clock;
    }

    /** The {@code Wechatpay-*} headers (and a {@code Request-ID}) that sign {@code body} now. */
    Map<String, String> headersFor(String body) {
        String timestamp = Long.toString(clock.instant().getEpochSecond());
        String nonce = NonceUtil.createNonce(NONCE_LENGTH);
        String signature = signer.sign(timestamp + "\n" + nonce + "\n" + body + "\n").getSign();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Wechatpay-Timestamp", timestamp);
        headers.put("Wechatpay-Nonce", nonce);
        headers.put("Wechatpay-Serial", publicKeyId);
        headers.put("Wechatpay-Signature", signature);
        headers.put("Wechatpay-Signature-Type", SIGNATURE_TYPE);
        headers.put("Request-ID", "sandbox-" + NonceUtil.createNonce(24));
        return headers;
    }

    /** A signed JSON answer; an empty body (204) is signed too, as WeChat Pay does. */
    WechatAnswer answer(int status, String body) {
        Map<String, String> headers = new LinkedHashMap<>(headersFor(body));
        if (!body.isEmpty()) {
            headers.put("Content-Type", "application/json");
        }
        return new WechatAnswer(status, headers, body);
    }
}
