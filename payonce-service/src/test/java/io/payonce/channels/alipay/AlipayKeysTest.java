package io.payonce.channels.alipay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.Base64;
import java.util.Properties;

import io.payonce.gateway.keys.SandboxKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The start-up check: what it accepts, and each refusal, naming its setting and never quoting a key. */
class AlipayKeysTest {

    private static final SandboxKeys KEYS = SandboxKeys.generate();

    @Test
    void the_settings_the_sandbox_writes_for_its_merchant_bind_and_pass(@TempDir Path dir) throws Exception {
        SandboxKeys keys = SandboxKeys.loadOrCreate(dir);
        Path file = keys.writeMerchantProperties(dir, "http://127.0.0.1:9090");
        Properties written = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            written.load(in);
        }

        AlipayProperties settings = new Binder(new MapConfigurationPropertySource(written))
                .bind("payonce.channels.alipay", AlipayProperties.class).get();
        AlipayKeys loaded = AlipayKeys.load(settings);

        assertThat(settings.enabled()).isTrue();
        assertThat(loaded.appId()).isEqualTo(keys.alipayAppId());
        assertThat(loaded.gatewayUrl()).hasToString("http://127.0.0.1:9090/alipay/gateway.do");
        assertThat(loaded.appPrivateKey()).isEqualTo(keys.alipayApp().getPrivate());
        assertThat(loaded.alipayPublicKey()).isEqualTo(keys.alipayGateway().getPublic());
        assertThat(settings.notifyUrl()).isEqualTo("http://127.0.0.1:{port}/v1/callbacks/alipay");
    }

    @Test
    void keys_may_be_given_inline_as_pem_or_as_the_bare_base64_alipays_console_shows() {
        AlipayKeys pem = AlipayKeys.load(settings(SandboxKeys.pem(KEYS.alipayApp().getPrivate()), SandboxKeys.pem(KEYS.alipayGateway().getPublic())));
        AlipayKeys bare = AlipayKeys.load(settings(base64(KEYS.alipayApp().getPrivate().getEncoded()),
                base64(KEYS.alipayGateway().getPublic().getEncoded())));

        assertThat(bare.appPrivateKey()).isEqualTo(pem.appPrivateKey());
        assertThat(bare.alipayPublicKey()).isEqualTo(pem.alipayPublicKey());
        assertThat(pem.toString()).doesNotContain(pem.appPrivateKeyBase64().substring(100, 140));
    }

    @Test
    void a_matching_app_public_key_file_passes_and_another_pairs_is_refused(@TempDir Path dir) throws Exception {
        Path mine = Files.writeString(dir.resolve("mine.pem"), SandboxKeys.pem(KEYS.alipayApp().getPublic()));
        Path other = Files.writeString(dir.resolve("other.pem"), SandboxKeys.pem(SandboxKeys.generate().alipayApp().getPublic()));

        assertThat(AlipayKeys.load(withAppPublicKeyFile(mine.toString()))).isNotNull();
        assertRefused(withAppPublicKeyFile(other.toString()), "payonce.channels.alipay.app-public-key-file", "is not the public half");
    }

    @Test
    void a_missing_private_key_or_one_given_twice_is_refused() {
        assertRefused(settings(null, pemPublic()), "payonce.channels.alipay.app-private-key (PAYONCE_CHANNELS_ALIPAY_APP_PRIVATE_KEY)",
                "is not set");
        AlipayProperties both = new AlipayProperties(true, AlipayProperties.PRODUCTION_GATEWAY, KEYS.alipayAppId(), pemPrivate(),
                "/some/file.pem", pemPublic(), null, null, "http://127.0.0.1:{port}/v1/callbacks/alipay", Duration.ofSeconds(3),
                Duration.ofSeconds(10));
        assertRefused(both, "payonce.channels.alipay.app-private-key", "are both set");
    }

    @Test
    void a_key_that_does_not_parse_is_refused_without_quoting_it() {
        String garbage = "-----BEGIN PRIVATE KEY-----\nTUlJRXZRSUJBREFOQmdrcWhraUc5dzBCQVFFRkFBU0NCS2N3Z2dTakFnRUFBb0lCQVFD\n-----END PRIVATE KEY-----";
        Throwable refused = catchRefusal(settings(garbage, pemPublic()));
        assertThat(refused).hasMessageStartingWith("payonce.channels.alipay.app-private-key").hasMessageContaining("PKCS#8");
        assertThat(refused.getMessage()).doesNotContain("TUlJRXZRSUJBREFO");

        Throwable publicRefused = catchRefusal(settings(pemPrivate(), "not a key at all"));
        assertThat(publicRefused).hasMessageStartingWith("payonce.channels.alipay.alipay-public-key").hasMessageNotContaining("not a key");
    }

    @Test
    void a_pkcs1_private_key_is_refused_with_the_command_that_converts_it() {
        String pkcs1 = "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\n-----END RSA PRIVATE KEY-----";
        assertRefused(settings(pkcs1, pemPublic()), "payonce.channels.alipay.app-private-key", "openssl pkcs8 -topk8");
    }

    @Test
    void an_rsa_key_shorter_than_2048_bits_is_refused() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(1024);
        KeyPair weak = generator.generateKeyPair();

        assertRefused(settings(SandboxKeys.pem(weak.getPrivate()), pemPublic()), "payonce.channels.alipay.app-private-key",
                "1024 bits");
        assertRefused(settings(pemPrivate(), SandboxKeys.pem(weak.getPublic())), "payonce.channels.alipay.alipay-public-key",
                "1024 bits");
    }

    @Test
    void the_apps_own_public_key_given_as_alipays_is_refused() {
        assertRefused(settings(pemPrivate(), SandboxKeys.pem(KEYS.alipayApp().getPublic())), "payonce.channels.alipay.alipay-public-key",
                "is the app's own public key");
    }

    @Test
    void a_key_file_that_is_missing_or_a_folder_is_refused_by_its_path(@TempDir Path dir) {
        AlipayProperties missing = new AlipayProperties(true, AlipayProperties.PRODUCTION_GATEWAY, KEYS.alipayAppId(), null,
                dir.resolve("nope.pem").toString(), pemPublic(), null, null, "http://127.0.0.1:{port}/v1/callbacks/alipay",
                Duration.ofSeconds(3), Duration.ofSeconds(10));
        assertRefused(missing, "payonce.channels.alipay.app-private-key-file", "nope.pem");
    }

    @Test
    void a_bad_app_id_gateway_url_notify_url_or_timeout_is_refused_by_name() {
        assertRefused(with(" ", AlipayProperties.PRODUCTION_GATEWAY, "http://127.0.0.1:{port}/v1/callbacks/alipay", Duration.ofSeconds(3)),
                "payonce.channels.alipay.app-id", "");
        assertRefused(with("2021000000000001", "ftp://openapi.alipay.com/gateway.do", "http://h/n", Duration.ofSeconds(3)),
                "payonce.channels.alipay.gateway-url", "http(s)");
        assertRefused(with("2021000000000001", "https://user:pw@openapi.alipay.com/gateway.do", "http://h/n", Duration.ofSeconds(3)),
                "payonce.channels.alipay.gateway-url", "");
        assertRefused(with("2021000000000001", AlipayProperties.PRODUCTION_GATEWAY, "/v1/callbacks/alipay", Duration.ofSeconds(3)),
                "payonce.channels.alipay.notify-url", "");
        assertRefused(with("2021000000000001", AlipayProperties.PRODUCTION_GATEWAY, "http://h/n", Duration.ZERO),
                "payonce.channels.alipay.connect-timeout", "positive");
    }

    @Test
    void settings_print_no_key() {
        AlipayProperties settings = settings(pemPrivate(), pemPublic());
        assertThat(settings.toString()).doesNotContain(base64(KEYS.alipayApp().getPrivate().getEncoded()).substring(200, 240))
                .contains("appPrivateKey=(redacted)");
    }

    private static AlipayProperties settings(String privateKey, String alipayPublicKey) {
        return new AlipayProperties(true, AlipayProperties.PRODUCTION_GATEWAY, KEYS.alipayAppId(), privateKey, null, alipayPublicKey,
                null, null, "http://127.0.0.1:{port}/v1/callbacks/alipay", Duration.ofSeconds(3), Duration.ofSeconds(10));
    }

    private static AlipayProperties withAppPublicKeyFile(String file) {
        return new AlipayProperties(true, AlipayProperties.PRODUCTION_GATEWAY, KEYS.alipayAppId(), pemPrivate(), null, pemPublic(),
                null, file, "http://127.0.0.1:{port}/v1/callbacks/alipay", Duration.ofSeconds(3), Duration.ofSeconds(10));
    }

    private static AlipayProperties with(String appId, String gatewayUrl, String notifyUrl, Duration connectTimeout) {
        return new AlipayProperties(true, gatewayUrl, appId, pemPrivate(), null, pemPublic(), null, null, notifyUrl, connectTimeout,
                Duration.ofSeconds(10));
    }

    private static String pemPrivate() {
        return SandboxKeys.pem(KEYS.alipayApp().getPrivate());
    }

    private static String pemPublic() {
        return SandboxKeys.pem(KEYS.alipayGateway().getPublic());
    }

    private static void assertRefused(AlipayProperties settings, String setting, String why) {
        assertThat(catchRefusal(settings)).hasMessageStartingWith(setting).hasMessageContaining(why);
    }

    private static Throwable catchRefusal(AlipayProperties settings) {
        Throwable[] caught = new Throwable[1];
        assertThatThrownBy(() -> AlipayKeys.load(settings)).isInstanceOf(IllegalStateException.class)
                .satisfies(e -> caught[0] = e);
        return caught[0];
    }

    private static String base64(byte[] der) {
        return Base64.getEncoder().encodeToString(der);
    }
}
