package io.payonce.bench.target;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.payonce.PayonceApplication;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts a payonce for the harness when no --target is given: on a free port, with rate limits
 * off, the simulator's autopay on, and a database the harness knows so it can audit it.
 *
 * <p>The CLI runs the service as a child JVM: its garbage collector, heap and JIT are its own, so
 * a harness pause never stops the service (and the reverse), and what is measured is the same
 * artifact {@code payonce serve} runs. Tests run it in-process, which starts in a few seconds.
 */
public final class EmbeddedService {

    /**
     * Cold start with embedded PostgreSQL takes about 8 s on a quiet machine, but 110 to 125 s was
     * seen on this 2-core machine at load average 35 (2026-11-30); a run must not fail for that.
     */
    private static final Duration START_TIMEOUT = Duration.ofSeconds(600);

    /** How the service runs. */
    public enum Mode { CHILD, IN_PROCESS }

    /**
     * Settings of the started service.
     *
     * @param gateway the sandbox gateway the service pays through: none (no payment can be made), a child
     *                process the bench starts (and may kill and restart), or one already running at a URL
     */
    public record Options(Mode mode, long autopayMs, Database database, Path logFile, List<String> jvmOptions, Gateway gateway) {
        public Options(Mode mode, long autopayMs, Database database, Path logFile, List<String> jvmOptions) {
            this(mode, autopayMs, database, logFile, jvmOptions, Gateway.CHILD);
        }
    }

    /** Which sandbox gateway the embedded service uses. */
    public record Gateway(Kind kind, URI url) {
        public enum Kind { NONE, CHILD, EXTERNAL }

        public static final Gateway NONE = new Gateway(Kind.NONE, null);
        public static final Gateway CHILD = new Gateway(Kind.CHILD, null);

        /** A gateway already running: the service must be given its settings by the environment (PAYONCE_CHANNELS_*). */
        public static Gateway external(URI url) {
            return new Gateway(Kind.EXTERNAL, url);
        }
    }

    /**
     * The child gateway's notifications retry on the real schedules scaled down a hundredfold (Alipay's
     * first retry after 2.4 s instead of 4 min): a bench run is minutes long, and a failed
     * notification should be retried within it.
     */
    static final String GATEWAY_NOTIFY_TIME_SCALE = "0.01";

    /** The embedded service's timeout of a call to the sandbox gateway (see {@link #settings}). */
    static final String CHANNEL_TIMEOUT = "3s";

    private EmbeddedService() {
    }

    public static Target start(Options options) throws IOException, InterruptedException {
        List<AutoCloseable> owned = new ArrayList<>();
        Database database = options.database();
        if (database == null) {
            quietEmbeddedPostgresLogs();
            // zonky turns fsync, synchronous_commit and full_page_writes off by default; a figure
            // measured so would count commits that were never on disk (issue 16).
            EmbeddedPostgres postgres = EmbeddedPostgres.builder().setRegisterShutdownHook(false)
                    .setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on").setServerConfig("max_connections", "300").start();
            owned.add(postgres);
            database = new Database(postgres.getJdbcUrl("postgres", "postgres"), "postgres", null);
        }
        SandboxGateway gateway = switch (options.gateway().kind()) {
            case NONE -> null;
            case EXTERNAL -> SandboxGateway.external(options.gateway().url());
            case CHILD -> SandboxGateway.of(startGateway(database, options, owned));
        };
        int port = freePort();
        String adminToken = newAdminToken();
        Map<String, String> settings = settings(database, port, adminToken);
        if (gateway != null && gateway.process() != null) {
            settings.put("SPRING_CONFIG_IMPORT", "file:" + gateway.process().merchantProperties());
        }
        Process child = options.mode() == Mode.CHILD ? startChild(settings, options) : null;
        owned.addFirst(child != null ? () -> stop(child) : startInProcess(settings));
        URI base = URI.create("http://127.0.0.1:" + port + "/");
        awaitHealthy(base, owned, child, options.logFile());
        return new Target(base, adminToken, database, () -> closeAll(owned), gateway, child == null ? null : child.toHandle());
    }

    /**
     * The gateway as a process of its own, on a database of its own beside the service's, with the
     * run's autopay; closed after the service (owned is closed first to last).
     */
    private static GatewayProcess startGateway(Database serviceDatabase, Options options, List<AutoCloseable> owned) {
        Database gatewayDatabase = GatewayDatabase.createBeside(serviceDatabase);
        Path folder = options.logFile().toAbsolutePath().getParent().resolve("sandbox-gateway");
        GatewayProcess gateway = GatewayProcess.start(new GatewayProcess.Launch(folder, 0, false, gatewayDatabase,
                List.of("payonce.gateway.autopay-ms=" + options.autopayMs(),
                        "payonce.gateway.notify-time-scale=" + GATEWAY_NOTIFY_TIME_SCALE)));
        owned.addFirst(gateway);
        return gateway;
    }

    /** The environment a `payonce serve` would be given, by variable name. */
    static Map<String, String> settings(Database database, int port, String adminToken) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PORT", Integer.toString(port));
        env.put("PAYONCE_DB_URL", database.jdbcUrl());
        env.put("PAYONCE_DB_USERNAME", database.user());
        env.put("PAYONCE_DB_PASSWORD", database.password() == null ? "" : database.password());
        env.put("PAYONCE_ADMIN_TOKEN", adminToken);
        env.put("PAYONCE_RATE_LIMIT_PER_SECOND", "0");
        // The bench's load stands for many buyers but comes from one address: not held to one
        // client's connection cap. --slow-clients attack from 127.0.0.2, which is held to it.
        env.put("PAYONCE_CONNECTIONS_EXEMPT", "127.0.0.1");
        // Any free port: the bench's own service must not collide with a `payonce serve` on 8081.
        env.put("PAYONCE_MANAGEMENT_PORT", "0");
        // Every simulated buyer calls from 127.0.0.1: the per-address cap on unpaid reservations
        // would count the whole crowd as one buyer. The per-session cap stays, and stops --hoarders.
        env.put("PAYONCE_RESERVATIONS_IP_UNITS_MAX", "0");
        // The janitor asks the gateway about a payment still PENDING after 60 s by default; a lost
        // notification would then hold the audit for a minute. 5 s keeps bench runs short.
        env.put("PAYONCE_PAYMENTS_PENDING_AFTER", "5s");
        // The timeout fault holds an answer for 30 s: with the gateways' default 10 s client timeout
        // the harness's own 10 s would expire first, and a lost answer would read as the service's
        // timeout instead of the UNKNOWN payment it is. 3 s is still far above a real answer here.
        env.put("PAYONCE_CHANNELS_ALIPAY_READ_TIMEOUT", CHANNEL_TIMEOUT);
        env.put("PAYONCE_CHANNELS_WECHAT_CALLTIMEOUT", CHANNEL_TIMEOUT);
        env.put("PAYONCE_CARD_KEY_ENCRYPTION_KEY", newCardKeyEncryptionKey());
        return env;
    }

    static Process startChild(Map<String, String> env, Options options) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(options.jvmOptions());
        String classPath = System.getProperty("java.class.path");
        if (classPath.endsWith(".jar") && !classPath.contains(java.io.File.pathSeparator)) {
            // Running from the executable jar: its launcher knows the nested class path.
            // --no-gateway: the bench runs the sandbox gateway itself (and may kill it); serve must not start another.
            command.addAll(List.of("-jar", classPath, "serve", "--no-gateway"));
        } else {
            command.addAll(List.of("-cp", classPath, PayonceApplication.class.getName()));
        }
        Files.createDirectories(options.logFile().toAbsolutePath().getParent());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(options.logFile().toFile());
        builder.environment().putAll(env);
        return builder.start();
    }

    private static AutoCloseable startInProcess(Map<String, String> env) {
        List<String> args = new ArrayList<>();
        env.forEach((name, value) -> args.add("--" + name + "=" + value));
        // The same settings as properties, for code that binds payonce.* rather than reading variables.
        args.add("--server.port=" + env.get("PORT"));
        args.add("--payonce.db.url=" + env.get("PAYONCE_DB_URL"));
        args.add("--payonce.db.username=" + env.get("PAYONCE_DB_USERNAME"));
        args.add("--payonce.db.password=" + env.get("PAYONCE_DB_PASSWORD"));
        args.add("--payonce.admin.token=" + env.get("PAYONCE_ADMIN_TOKEN"));
        args.add("--payonce.rate-limit.per-second=0");
        args.add("--management.server.port=" + env.get("PAYONCE_MANAGEMENT_PORT"));
        args.add("--payonce.card-keys.encryption-key=" + env.get("PAYONCE_CARD_KEY_ENCRYPTION_KEY"));
        args.add("--payonce.payments.pending-after=" + env.get("PAYONCE_PAYMENTS_PENDING_AFTER"));
        args.add("--payonce.channels.alipay.read-timeout=" + CHANNEL_TIMEOUT);
        args.add("--payonce.channels.wechat.call-timeout=" + CHANNEL_TIMEOUT);
        args.add("--payonce.reservations.ip-units-max=" + env.get("PAYONCE_RESERVATIONS_IP_UNITS_MAX"));
        if (env.containsKey("SPRING_CONFIG_IMPORT")) {
            args.add("--spring.config.import=" + env.get("SPRING_CONFIG_IMPORT"));
        }
        ConfigurableApplicationContext context = new SpringApplication(PayonceApplication.class).run(args.toArray(String[]::new));
        return context::close;
    }

    private static void awaitHealthy(URI base, List<AutoCloseable> owned, Process child, Path logFile) throws InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        try (HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()) {
            HttpRequest health = HttpRequest.newBuilder(base.resolve("/actuator/health")).timeout(Duration.ofSeconds(5)).build();
            while (System.nanoTime() < deadline) {
                if (child != null && !child.isAlive()) {
                    closeAll(owned);
                    throw new IllegalStateException("the embedded payonce exited with " + child.exitValue() + " while starting; see " + logFile);
                }
                try {
                    if (client.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        return;
                    }
                } catch (IOException e) {
                    // Not listening yet.
                }
                Thread.sleep(200);
            }
        }
        closeAll(owned);
        throw new IllegalStateException("the embedded payonce did not become healthy within " + START_TIMEOUT.toSeconds() + " s");
    }

    private static void stop(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    private static void closeAll(List<AutoCloseable> owned) {
        for (AutoCloseable closeable : owned) {
            try {
                closeable.close();
            } catch (Exception e) {
                System.err.println("bench: closing " + closeable + " failed: " + e);
            }
        }
    }

    /** zonky logs every line PostgreSQL prints at INFO; the bench's output is its progress and table. */
    static void quietEmbeddedPostgresLogs() {
        if (org.slf4j.LoggerFactory.getLogger("io.zonky.test") instanceof ch.qos.logback.classic.Logger logger) {
            logger.setLevel(ch.qos.logback.classic.Level.WARN);
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The admin token of a service the bench starts: its own, random, never a default. */
    static String newAdminToken() {
        return "bench_" + Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(18));
    }

    /** A card-key encryption key (Base64 of 32 random bytes) for the services the bench starts. */
    static String newCardKeyEncryptionKey() {
        return Base64.getEncoder().encodeToString(randomBytes(32));
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }
}
