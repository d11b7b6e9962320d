package io.payonce.bench.target;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Several payonce instances as processes of their own, on one PostgreSQL (the bench's private one
 * unless a database is given) and, when asked, one Redis, paying through one sandbox gateway, behind
 * a {@link RoundRobinProxy}: the bench's {@code --instances N}, and what {@code --scenario chaos}
 * breaks. Every instance gets the same settings but its port (the admin token, the card-key
 * encryption key, the gateway's merchant settings), as {@code deploy/cluster.sh} gives them.
 */
public final class Cluster implements AutoCloseable {

    /**
     * Three cold JVMs and Flyway at once on 2 cores: 20 s on a quiet machine, but 225 s was seen
     * with other builds running (load average 35); past 10 minutes something is wrong.
     */
    private static final Duration START_WAIT = Duration.ofMinutes(10);
    /** Each instance's heap: three of them, the gateway and the harness share the machine. */
    private static final String HEAP = "-Xmx384m";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /**
     * How to build it.
     *
     * @param instances       how many payonce processes (1 to 8)
     * @param database        the shared database; null: a {@link PrivatePostgres} in {@code folder}, which chaos may restart
     * @param privateRedis    start a redis-server of the bench's own (chaos may stop it); else {@code redisUrl} or none
     * @param redisUrl        a Redis already running, shared by the instances; null for none
     * @param gatewayDatabase the sandbox gateway's database; null: its own embedded one (only from the payonce executable)
     * @param folder          logs and the private database live here
     * @param jvmOptions      more options for each instance's JVM (beside its heap)
     * @param privateBroker   start a RabbitMQ node of the bench's own (chaos may stop it) and give the instances its URL
     *                        (queued intake and events through the broker); else the instances run without a broker
     */
    public record Options(int instances, Database database, boolean privateRedis, String redisUrl, Database gatewayDatabase,
                          Path folder, long autopayMs, List<String> jvmOptions, boolean privateBroker) {
        public Options(int instances, Database database, boolean privateRedis, String redisUrl, Database gatewayDatabase,
                       Path folder, long autopayMs, List<String> jvmOptions) {
            this(instances, database, privateRedis, redisUrl, gatewayDatabase, folder, autopayMs, jvmOptions, false);
        }

        public Options {
            // One is a cluster too: the same database, Redis, gateway and balancer, for a like-for-like comparison.
            if (instances < 1 || instances > 8) {
                throw new IllegalArgumentException("--instances must be 1 to 8");
            }
            jvmOptions = List.copyOf(jvmOptions);
            if (privateRedis && redisUrl != null) {
                throw new IllegalArgumentException("a private Redis and a Redis URL exclude each other");
            }
        }
    }

    /** One payonce process: its port stays the same across a kill and a restart. */
    private static final class Instance {
        final int index;
        final int port;
        final Map<String, String> env;
        final EmbeddedService.Options launch;
        volatile Process process;

        Instance(int index, int port, Map<String, String> env, EmbeddedService.Options launch) {
            this.index = index;
            this.port = port;
            this.env = env;
            this.launch = launch;
        }

        URI url() {
            return URI.create("http://127.0.0.1:" + port + "/");
        }
    }

    private final Options options;
    private final List<AutoCloseable> owned = new ArrayList<>();
    private final List<Instance> instances = new ArrayList<>();
    private PrivatePostgres postgres;
    private RedisProcess redis;
    private RabbitProcess broker;
    private GatewayProcess gateway;
    private RoundRobinProxy proxy;
    private Database database;
    private boolean closed;
    private final String adminToken = EmbeddedService.newAdminToken();

    /**
     * The instances are children of this JVM: a bench stopped by SIGTERM or Ctrl-C must not leave
     * them running (SIGKILL of the bench still would; their logs name them).
     */
    private final Thread stopOnExit = new Thread(this::close, "bench-cluster-stop");

    private Cluster(Options options) {
        this.options = options;
    }

    /** Starts everything, waits until every instance is healthy, and returns the proxy as the bench's target. */
    public static Target start(Options options) throws InterruptedException {
        Cluster cluster = new Cluster(options);
        Runtime.getRuntime().addShutdownHook(cluster.stopOnExit);
        try {
            cluster.startAll();
        } catch (RuntimeException | InterruptedException e) {
            cluster.close();
            throw e;
        }
        return new Target(cluster.proxy.url(), cluster.adminToken, cluster.database, cluster, SandboxGateway.of(cluster.gateway));
    }

    private void startAll() throws InterruptedException {
        if (options.database() == null) {
            postgres = PrivatePostgres.start(options.folder().resolve("postgres"));
            owned.addFirst(postgres);
            database = postgres.database();
        } else {
            database = options.database();
        }
        if (options.privateRedis()) {
            redis = RedisProcess.start(options.folder().resolve("redis.log"));
            owned.addFirst(redis);
        }
        if (options.privateBroker()) {
            broker = RabbitProcess.start(options.folder().resolve("rabbitmq"));
            owned.addFirst(broker);
        }
        gateway = GatewayProcess.start(new GatewayProcess.Launch(options.folder().resolve("sandbox-gateway"), 0, false,
                options.gatewayDatabase(), List.of("payonce.gateway.autopay-ms=" + options.autopayMs(),
                "payonce.gateway.notify-time-scale=" + EmbeddedService.GATEWAY_NOTIFY_TIME_SCALE)));
        owned.addFirst(gateway);
        String cardKeyKey = EmbeddedService.newCardKeyEncryptionKey();
        for (int i = 0; i < options.instances(); i++) {
            int port = EmbeddedService.freePort();
            Map<String, String> env = EmbeddedService.settings(database, port, adminToken);
            env.put("PAYONCE_CARD_KEY_ENCRYPTION_KEY", cardKeyKey);
            env.put("SPRING_CONFIG_IMPORT", "file:" + gateway.merchantProperties());
            String redisUrl = redis != null ? redis.url() : options.redisUrl();
            if (redisUrl != null) {
                env.put("PAYONCE_REDIS_URL", redisUrl);
            }
            if (broker != null) {
                env.put("PAYONCE_AMQP_URL", broker.url());
            }
            Path log = options.folder().resolve("payonce-" + (i + 1) + ".log");
            instances.add(new Instance(i + 1, port, env,
                    new EmbeddedService.Options(EmbeddedService.Mode.CHILD, options.autopayMs(), database, log,
                            java.util.stream.Stream.concat(java.util.stream.Stream.of(HEAP), options.jvmOptions().stream()).toList())));
        }
        // All at once: Flyway takes PostgreSQL's advisory lock, so one migrates and the others find the work done.
        instances.forEach(Cluster::spawn);
        for (Instance instance : instances) {
            awaitHealthyOrRetry(instance);
        }
        proxy = RoundRobinProxy.start(instances.stream().map(Instance::url).toList());
    }

    /** The instances' own URLs, by number (1 first), for a caller that must reach each one directly. */
    public List<URI> instanceUrls() {
        return instances.stream().map(Instance::url).toList();
    }

    public int size() {
        return instances.size();
    }

    /** The load balancer in front. */
    public RoundRobinProxy proxy() {
        return proxy;
    }

    /** The private PostgreSQL, or null when the cluster runs on a database it was given. */
    public PrivatePostgres postgres() {
        return postgres;
    }

    /** The private RabbitMQ node, or null. */
    public RabbitProcess broker() {
        return broker;
    }

    /** The private Redis, or null. */
    public RedisProcess redis() {
        return redis;
    }

    /** {@code kill -9} of instance {@code number} (1 first): every request it was serving gets no answer. */
    public void kill(int number) throws InterruptedException {
        Process process = instance(number).process;
        process.destroyForcibly();
        process.waitFor();
    }

    /** Starts instance {@code number} again on its port, and waits until it is healthy. */
    public void restart(int number) throws InterruptedException {
        launch(instance(number));
    }

    private Instance instance(int number) {
        if (number < 1 || number > instances.size()) {
            throw new IllegalArgumentException("no instance " + number + " in a cluster of " + instances.size());
        }
        return instances.get(number - 1);
    }

    private static void launch(Instance instance) throws InterruptedException {
        spawn(instance);
        awaitHealthyOrRetry(instance);
    }

    /**
     * One more start for an instance that gave up while starting: on a machine loaded far past its
     * cores (load average 30 on 2), Redisson's 10 s connect at start-up was seen to time out. What
     * the cluster is for starts only once every instance serves; a start that fails twice is real.
     */
    private static void awaitHealthyOrRetry(Instance instance) throws InterruptedException {
        try {
            awaitHealthy(instance);
        } catch (InstanceExited e) {
            System.err.println("bench: " + e.getMessage() + "; starting it once more");
            spawn(instance);
            awaitHealthy(instance);
        }
    }

    /** An instance's process ended before it served. */
    private static final class InstanceExited extends IllegalStateException {
        InstanceExited(String message) {
            super(message);
        }
    }

    private static void spawn(Instance instance) {
        try {
            instance.process = EmbeddedService.startChild(instance.env, instance.launch);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start payonce instance " + instance.index, e);
        }
    }

    private static void awaitHealthy(Instance instance) throws InterruptedException {
        Instant deadline = Instant.now().plus(START_WAIT);
        HttpRequest health = HttpRequest.newBuilder(instance.url().resolve("/actuator/health")).timeout(Duration.ofSeconds(5)).build();
        while (Instant.now().isBefore(deadline)) {
            if (!instance.process.isAlive()) {
                throw new InstanceExited("payonce instance " + instance.index + " exited with " + instance.process.exitValue()
                        + " while starting; see " + instance.launch.logFile());
            }
            try {
                if (HTTP.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // Not listening yet.
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("payonce instance " + instance.index + " was not healthy within " + START_WAIT.toSeconds()
                + " s; see " + instance.launch.logFile());
    }

    /** Stops the proxy and the instances (SIGTERM, then SIGKILL), then the gateway, Redis and PostgreSQL. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (Thread.currentThread() != stopOnExit) {
            Runtime.getRuntime().removeShutdownHook(stopOnExit);
        }
        if (proxy != null) {
            proxy.close();
        }
        for (Instance instance : instances) {
            stop(instance.process);
        }
        for (AutoCloseable closeable : owned) {
            try {
                closeable.close();
            } catch (Exception e) {
                System.err.println("bench: closing " + closeable + " failed: " + e);
            }
        }
    }

    private static void stop(Process process) {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
