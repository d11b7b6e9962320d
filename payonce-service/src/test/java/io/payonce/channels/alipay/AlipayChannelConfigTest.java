package io.payonce.channels.alipay;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.Security;
import java.util.Base64;

import com.alipay.api.AlipayConfig;
import io.payonce.gateway.keys.SandboxKeys;
import org.junit.jupiter.api.Test;

class AlipayChannelConfigTest {

    private static AlipayConfig config(String alipayPublicKeyBase64, String appPrivateKeyBase64) {
        AlipayConfig config = new AlipayConfig();
        config.setServerUrl("https://openapi.alipay.com/gateway.do");
        config.setAppId("2021000000000001");
        config.setPrivateKey(appPrivateKeyBase64);
        config.setAlipayPublicKey(alipayPublicKeyBase64);
        config.setFormat("json");
        config.setCharset("UTF-8");
        config.setSignType("RSA2");
        return config;
    }

    @Test
    void the_sdks_check_against_a_merchant_key_given_as_alipays_answers_as_the_sdk_does_every_time() throws Exception {
        SandboxKeys keys = SandboxKeys.generate();
        Base64.Encoder base64 = Base64.getEncoder();
        String appPrivate = base64.encodeToString(keys.alipayApp().getPrivate().getEncoded());
        AlipayConfig right = config(base64.encodeToString(keys.alipayGateway().getPublic().getEncoded()), appPrivate);
        AlipayConfig mistaken = config(base64.encodeToString(keys.alipayApp().getPublic().getEncoded()), appPrivate);

        var rightClient = AlipayChannelConfig.client(right);
        var mistakenClient = AlipayChannelConfig.client(mistaken);

        // true means "the key given as Alipay's verifies the merchant's own signature": the SDK then refuses every answer.
        assertThat(new com.alipay.api.DefaultAlipayClient(right).checkAlipayPublicKey()).isFalse();
        assertThat(new com.alipay.api.DefaultAlipayClient(mistaken).checkAlipayPublicKey()).isTrue();
        for (int call = 0; call < 3; call++) {
            assertThat(rightClient.checkAlipayPublicKey()).isFalse();
            assertThat(mistakenClient.checkAlipayPublicKey()).isTrue();
        }
    }

    @Test
    void making_the_sdks_client_leaves_the_jdks_disabled_certificate_algorithms_in_place() throws Exception {
        SandboxKeys keys = SandboxKeys.generate();
        AlipayConfig config = new AlipayConfig();
        config.setServerUrl("https://openapi.alipay.com/gateway.do");
        config.setAppId(keys.alipayAppId());
        config.setPrivateKey(Base64.getEncoder().encodeToString(keys.alipayApp().getPrivate().getEncoded()));
        config.setAlipayPublicKey(Base64.getEncoder().encodeToString(keys.alipayGateway().getPublic().getEncoded()));
        config.setFormat("json");
        config.setCharset("UTF-8");
        config.setSignType("RSA2");

        assertThat(AlipayChannelConfig.client(config)).isNotNull();

        // The JDK's list names MD2 and small RSA keys; the SDK's class, loading, sets it to "".
        assertThat(Security.getProperty("jdk.certpath.disabledAlgorithms")).contains("MD2").contains("RSA keySize < 1024");
    }
}
