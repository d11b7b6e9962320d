package io.payonce.channels.alipay;

import java.security.Security;

import com.alipay.api.AlipayApiException;
import com.alipay.api.AlipayConfig;
import com.alipay.api.DefaultAlipayClient;
import com.alipay.api.internal.util.AlipayLogger;
import com.alipay.api.internal.util.WebUtils;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;

/**
 * Alipay as a payment channel, when {@code payonce.channels.alipay.enabled}: its settings are
 * checked at start-up ({@link AlipayKeys#load}) so a bad key stops the start, not the first sale.
 */
@ConditionalOnBooleanProperty("payonce.channels.alipay.enabled")
@Configuration(proxyBeanMethods = false)
class AlipayChannelConfig {

    /** The property Java's PKIX validation reads its disabled algorithms from. */
    private static final String DISABLED_CERT_ALGORITHMS = "jdk.certpath.disabledAlgorithms";

    @Bean
    AlipayKeys alipayKeys(AlipayProperties settings) {
        return AlipayKeys.load(settings);
    }

    @Bean
    NotifyUrl alipayNotifyUrl(AlipayProperties settings) {
        return new NotifyUrl(settings.notifyUrl());
    }

    @Bean
    AlipayChannel alipayGatewayChannel(AlipayProperties settings, AlipayKeys keys, NotifyUrl notifyUrl) throws AlipayApiException {
        return channel(settings, keys, notifyUrl);
    }

    /** The channel on the SDK's client, configured from checked settings. */
    static AlipayChannel channel(AlipayProperties settings, AlipayKeys keys, NotifyUrl notifyUrl) throws AlipayApiException {
        AlipayConfig config = new AlipayConfig();
        config.setServerUrl(keys.gatewayUrl().toString());
        config.setAppId(keys.appId());
        config.setPrivateKey(keys.appPrivateKeyBase64());
        config.setAlipayPublicKey(keys.alipayPublicKeyBase64());
        config.setFormat("json");
        config.setCharset("UTF-8");
        config.setSignType("RSA2");
        config.setConnectTimeout((int) settings.connectTimeout().toMillis());
        config.setReadTimeout((int) settings.readTimeout().toMillis());
        return new AlipayChannel(client(config), keys, new AlipayBills(settings.connectTimeout(), settings.readTimeout()), notifyUrl);
    }

    /**
     * The SDK's client class, on loading, empties the JVM-wide list of disabled certificate
     * algorithms (so that Alipay's old certificates validate); payonce uses public keys, not
     * certificates, and puts the JDK's list back. Its own logger is off: payonce logs each failed
     * call itself, without the SDK's dumps of requests and answers. Server certificates stay checked.
     */
    static DefaultAlipayClient client(AlipayConfig config) throws AlipayApiException {
        String disabledAlgorithms = Security.getProperty(DISABLED_CERT_ALGORITHMS);
        try {
            AlipayLogger.setNeedEnableLogger(false);
            WebUtils.setNeedCheckServerTrusted(true);
            return new KeysCheckedOnce(config);
        } finally {
            if (disabledAlgorithms != null) {
                Security.setProperty(DISABLED_CERT_ALGORITHMS, disabledAlgorithms);
            }
        }
    }

    /**
     * The SDK's client, with one check done once instead of on every call. Before it verifies an
     * answer's signature, the SDK signs a fixed text with the merchant's private key and verifies it
     * with the key configured as Alipay's, to refuse a merchant who pasted their own public key
     * there. That is an RSA-2048 private-key operation on every call: 8 % of the service's CPU in a
     * whole purchase (BENCHMARKS.md, section 10). The keys of a client never change, so the answer
     * is the same each time; it is worked out on the first call, exactly as the SDK does it.
     */
    static final class KeysCheckedOnce extends DefaultAlipayClient {

        private volatile Boolean merchantKeyGivenAsAlipays;

        KeysCheckedOnce(AlipayConfig config) throws AlipayApiException {
            super(config);
        }

        @Override
        public boolean checkAlipayPublicKey() {
            Boolean known = merchantKeyGivenAsAlipays;
            if (known == null) {
                known = super.checkAlipayPublicKey();
                merchantKeyGivenAsAlipays = known;
            }
            return known;
        }
    }

    /** The default notify-url points at this very server, whose public port is known only once it listens. */
    @EventListener
    void onWebServerReady(WebServerInitializedEvent event) {
        if (event.getApplicationContext().getServerNamespace() == null) {
            event.getApplicationContext().getBean(NotifyUrl.class).listeningOn(event.getWebServer().getPort());
        }
    }
}
