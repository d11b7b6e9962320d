package io.payonce.channels.alipay;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How payonce reaches Alipay ({@code payonce.channels.alipay.*}, env {@code PAYONCE_CHANNELS_ALIPAY_*}).
 * Checked only when {@code enabled}: {@link AlipayKeys#load} refuses a missing or broken key and
 * names the setting. {@code SandboxKeys.writeMerchantProperties} writes these very names.
 *
 * @param enabled              turns the Alipay channel on
 * @param gatewayUrl           Alipay's openapi endpoint; its sandbox is {@code https://openapi-sandbox.dl.alipaydev.com/gateway.do}
 * @param appId                the app's id in Alipay's console
 * @param appPrivateKey        the app's private key, PKCS#8 as PEM or bare Base64 (or {@code appPrivateKeyFile})
 * @param alipayPublicKey      Alipay's public key (X.509 SubjectPublicKeyInfo, PEM or bare Base64), or {@code alipayPublicKeyFile}
 * @param appPublicKeyFile     optional: the app's public key, checked at start-up to belong to the private key
 * @param notifyUrl            where Alipay posts notifications; {@code {port}} is this server's public port
 * @param connectTimeout       connect timeout of one openapi call
 * @param readTimeout          read timeout of one openapi call; past it the call's outcome is unknown
 */
@ConfigurationProperties("payonce.channels.alipay")
public record AlipayProperties(
        @DefaultValue("false") boolean enabled,
        @DefaultValue(PRODUCTION_GATEWAY) String gatewayUrl,
        String appId,
        String appPrivateKey,
        String appPrivateKeyFile,
        String alipayPublicKey,
        String alipayPublicKeyFile,
        String appPublicKeyFile,
        @DefaultValue("http://127.0.0.1:{port}/v1/callbacks/alipay") String notifyUrl,
        // 3 s to connect is the SDK's own default; 10 s to read stays under the order's payment
        // window while leaving room for Alipay's slow answers at peak, which are not errors.
        @DefaultValue("3s") Duration connectTimeout,
        @DefaultValue("10s") Duration readTimeout) {

    public static final String PRODUCTION_GATEWAY = "https://openapi.alipay.com/gateway.do";
    public static final String ALIPAY_SANDBOX_GATEWAY = "https://openapi-sandbox.dl.alipaydev.com/gateway.do";

    /** Never prints a key, only whether one is set. */
    @Override
    public String toString() {
        return "AlipayProperties[enabled=" + enabled + ", gatewayUrl=" + gatewayUrl + ", appId=" + appId
                + ", appPrivateKey=" + (blank(appPrivateKey) ? "(none)" : "(redacted)") + ", appPrivateKeyFile=" + appPrivateKeyFile
                + ", alipayPublicKey=" + (blank(alipayPublicKey) ? "(none)" : "(set)") + ", alipayPublicKeyFile=" + alipayPublicKeyFile
                + ", appPublicKeyFile=" + appPublicKeyFile + ", notifyUrl=" + notifyUrl + ", connectTimeout=" + connectTimeout
                + ", readTimeout=" + readTimeout + "]";
    }

    static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
