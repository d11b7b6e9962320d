package io.payonce.support;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

import io.payonce.gateway.SandboxGatewayApplication;
import io.payonce.gateway.book.SandboxBook;
import io.payonce.gateway.keys.SandboxKeys;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The sandbox gateway the service's tests pay through: one per test JVM, started in-process on
 * first use (a random port, a fresh database, a temporary keys folder, notifications on a fast
 * schedule, no autopay) and closed with the JVM. The service reaches it over HTTP only, with the
 * settings of its {@code merchant.properties} ({@link #merchantSettings()}), which
 * {@link TestDatabaseInitializer} adds to every test context; tests play the buyer and flip fault
 * switches through {@link #control()}.
 */
public final class SandboxGatewayServer {

    /**
     * A day of retries in about 45 s: 0.0005 turns Alipay's 4 minutes into 120 ms, so a test
     * sees several retries, and its 15 hours into 27 s.
     */
    public static final String NOTIFY_TIME_SCALE = "0.0005";

    /** How long the service waits for the test gateway's answer: well past a loaded machine's slowest real answer. */
    static final String CLIENT_TIMEOUT = "3s";

    private static SandboxGatewayServer instance;

    private final ConfigurableApplicationContext context;
    private final Path keysDir;
    private final Map<String, String> merchantSettings;

    private SandboxGatewayServer(ConfigurableApplicationContext context, Path keysDir) {
        this.context = context;
        this.keysDir = keysDir;
        this.merchantSettings = readMerchantSettings(keysDir.resolve(SandboxKeys.MERCHANT_PROPERTIES));
    }

    /** The gateway of this JVM, started on first call. */
    public static synchronized SandboxGatewayServer get() {
        if (instance == null) {
            instance = start();
        }
        return instance;
    }

    public int port() {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    public Path keysDir() {
        return keysDir;
    }

    /**
     * What a test service is given: the merchant settings, and a client timeout well below the
     * gateway's hold of a lost answer, so that the timeout fault reads as a timeout.
     */
    public Map<String, String> serviceSettings() {
        Map<String, String> settings = new LinkedHashMap<>(merchantSettings);
        settings.put("payonce.channels.alipay.read-timeout", CLIENT_TIMEOUT);
        settings.put("payonce.channels.wechat.call-timeout", CLIENT_TIMEOUT);
        return settings;
    }

    /** payonce's settings for this gateway ({@code payonce.channels.*}), as its merchant.properties says them. */
    public Map<String, String> merchantSettings() {
        return merchantSettings;
    }

    /** The buyer's and the test harness's side of the gateway. */
    public SandboxControl control() {
        return new SandboxControl(baseUrl());
    }

    /**
     * The gateway's books themselves, for a test that must set up what no merchant call can (a
     * charge on a trade payonce closed, a bill line payonce never saw). Everything else goes over HTTP.
     */
    public SandboxBook book() {
        return context.getBean(SandboxBook.class);
    }

    private static SandboxGatewayServer start() {
        try {
            Path dataDir = Files.createTempDirectory("payonce-test-gateway-");
            ConfigurableApplicationContext context = SandboxGatewayApplication.application().run(
                    "--server.port=0",
                    "--payonce.gateway.db.url=" + TestDatabase.createDatabase(),
                    "--payonce.gateway.db.username=" + TestDatabase.user(),
                    "--payonce.gateway.db.password=",
                    // Small: the machine's PostgreSQL serves every engineer's tests.
                    "--payonce.gateway.db.pool-size=6",
                    "--payonce.gateway.data-dir=" + dataDir,
                    "--payonce.gateway.notify-time-scale=" + NOTIFY_TIME_SCALE,
                    "--payonce.gateway.autopay-ms=0",
                    // A test that asks for a lost answer waits for its client's timeout (CLIENT_TIMEOUT), not
                    // 30 s. Longer than that timeout: a connection dropped before it would be retried by
                    // the SDKs' HTTP clients (HttpURLConnection and OkHttp repeat a POST once on a
                    // dropped connection), and the repeat would find the trade instead of timing out.
                    "--payonce.gateway.lost-answer-hold=5s",
                    // Logging is one per JVM: the service's contexts, started after, name their own lines.
                    "--logging.include-application-name=false");
            Runtime.getRuntime().addShutdownHook(new Thread(context::close, "stop-test-sandbox-gateway"));
            return new SandboxGatewayServer(context, dataDir.resolve("keys"));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not make a folder for the test sandbox gateway", e);
        }
    }

    private static Map<String, String> readMerchantSettings(Path file) {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("The test sandbox gateway wrote no " + file, e);
        }
        Map<String, String> settings = new LinkedHashMap<>();
        properties.stringPropertyNames().stream().sorted().forEach(name -> settings.put(name, properties.getProperty(name)));
        return Map.copyOf(settings);
    }
}
