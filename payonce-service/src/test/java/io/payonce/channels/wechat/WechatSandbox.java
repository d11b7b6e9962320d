package io.payonce.channels.wechat;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

import io.payonce.gateway.SandboxGatewayApplication;
import io.payonce.gateway.book.TradeTransitions;
import io.payonce.gateway.faults.FaultUpdate;
import io.payonce.gateway.faults.SandboxFaults;
import io.payonce.gateway.keys.SandboxKeys;
import io.payonce.support.TestDatabase;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.mock.env.MockEnvironment;
import tools.jackson.databind.json.JsonMapper;

/**
 * The real sandbox gateway (its PostgreSQL books, WeChat Pay v3 API, notifier) started in this
 * JVM on a free port with a fresh database, and payonce's side of it read from the
 * {@code merchant.properties} it writes, as {@code ./payonce serve} hands it to the service.
 */
final class WechatSandbox implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ConfigurableApplicationContext gateway;
    private final Path keysDir;

    WechatSandbox(String... extraSettings) {
        try {
            keysDir = Files.createTempDirectory("wechat-sandbox-it-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String[] args = new String[] {"--server.port=0", "--server.address=127.0.0.1",
                "--payonce.gateway.db.url=" + TestDatabase.createDatabase(), "--payonce.gateway.db.username=" + TestDatabase.user(),
                "--payonce.gateway.db.password=", "--payonce.gateway.db.pool-size=4", "--payonce.gateway.data-dir=" + keysDir,
                "--payonce.gateway.notify-retry-delays=200ms,200ms,200ms"};
        String[] all = java.util.stream.Stream.concat(java.util.Arrays.stream(args), java.util.Arrays.stream(extraSettings))
                .toArray(String[]::new);
        gateway = SandboxGatewayApplication.application().run(all);
    }

    String baseUrl() {
        return "http://127.0.0.1:" + ((WebServerApplicationContext) gateway).getWebServer().getPort();
    }

    SandboxKeys keys() {
        return gateway.getBean(SandboxKeys.class);
    }

    /** The buyer pays on the sandbox's pay page. */
    void pay(String outTradeNo) {
        gateway.getBean(TradeTransitions.class).pay("wechat", outTradeNo);
    }

    void faults(String json) {
        gateway.getBean(SandboxFaults.class).require("wechat").apply(FaultUpdate.parse(JSON.readTree(json)));
    }

    void resetFaults() {
        gateway.getBean(SandboxFaults.class).require("wechat").reset();
    }

    /** payonce's settings as the sandbox wrote them, with {@code overrides} on top. */
    Map<String, String> merchantSettings(Map<String, String> overrides) {
        Properties written = new Properties();
        try (Reader in = Files.newBufferedReader(gateway.getBean(io.payonce.gateway.config.GatewaySettings.class).keysPath()
                .resolve(SandboxKeys.MERCHANT_PROPERTIES))) {
            written.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> settings = new HashMap<>();
        written.forEach((name, value) -> settings.put((String) name, (String) value));
        settings.putAll(overrides);
        return settings;
    }

    /** A WechatChannel built as the service builds it, from these settings. */
    static WechatChannel channel(Map<String, String> settings, Clock clock) {
        WechatProperties properties = new Binder(new MapConfigurationPropertySource(settings))
                .bindOrCreate("payonce.channels.wechat", WechatProperties.class);
        MockEnvironment environment = new MockEnvironment();
        settings.forEach(environment::setProperty);
        WechatChannelConfig config = new WechatChannelConfig();
        return config.wechatPayChannel(properties, config.wechatNotifyUrl(properties), environment, clock);
    }

    @Override
    public void close() {
        gateway.close();
    }
}
