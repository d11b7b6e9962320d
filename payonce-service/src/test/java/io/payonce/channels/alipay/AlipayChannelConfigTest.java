package io.payonce.channels.alipay;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.Security;
import java.util.Base64;

import com.alipay.api.AlipayConfig;
import io.payonce.gateway.keys.SandboxKeys;
import org.junit.jupiter.api.Test;

class AlipayChannelConfigTest {

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
