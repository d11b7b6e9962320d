package io.payonce.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.payonce.bench.audit.Audit;
import io.payonce.bench.audit.Check;
import io.payonce.bench.audit.Journal;
import io.payonce.bench.audit.Settle;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The default {@code payonce serve} keeps its data: stopped, killed, or killed together with its
 * PostgreSQL in the middle of a purchase storm, it starts again on the same data folder with every
 * acknowledged order, payment and card key, and the bench's audit finds nothing wrong.
 */
class DataFolderDurabilityIT {

    private static final long PRICE = 100;
    /** Buyers of the storm: enough to have commits in flight at the kill on two cores. */
    private static final int STORM_BUYERS = 8;
    /** Orders acknowledged before the kill: enough that some are mid-payment when it comes. */
    private static final int ACKNOWLEDGED_BEFORE_KILL = 80;

    @TempDir
    Path dataDir;
    @TempDir
    Path backupDir;
    private final List<ServeProcess> started = new ArrayList<>();

    @AfterEach
    void stopEverything() throws IOException {
        for (ServeProcess serve : started) {
            serve.process().descendants().forEach(ProcessHandle::destroyForcibly);
            serve.process().destroyForcibly();
        }
        for (Path pidFile : List.of(dataDir.resolve("postgres/postmaster.pid"), backupDir.resolve("payonce-data/postgres/postmaster.pid"))) {
            if (Files.exists(pidFile)) {
                ProcessHandle.of(Long.parseLong(Files.readAllLines(pidFile).getFirst().strip())).ifPresent(ProcessHandle::destroy);
            }
        }
    }

    @Test
    void a_purchase_survives_sigterm_restarts_a_key_rotation_and_a_cold_backup_and_its_key_still_decrypts() throws Exception {
        ServeProcess first = start(Map.of());
        assertThat(setting(first, "fsync")).isEqualTo("on");
        assertThat(setting(first, "synchronous_commit")).isEqualTo("on");
        ServeProcess intruder = ServeProcess.launch(dataDir, Map.of());
        started.add(intruder);
        assertThat(intruder.process().waitFor()).as("a second payonce on the same folder refuses to start").isEqualTo(1);
        assertThat(intruder.log()).contains("is in use by another running payonce");
        assertThat(first.healthy()).isTrue();
        Path keyFile = dataDir.resolve("card-keys/v1.key");
        String key = Files.readString(keyFile);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");

        String sku = "durable-" + UUID.randomUUID().toString().substring(0, 8);
        createProduct(first, sku);
        importCodes(first, sku, List.of("DURABLE-1", "DURABLE-2", "DURABLE-3"));
        String orderId = order(first, sku);
        String paymentId = pay(first, orderId);
        assertThat(first.buyerPays(paymentId).status()).isEqualTo(200);
        awaitDelivered(first, orderId);
        List<String> codes = cardKeys(first, orderId);
        ProcessHandle postmaster = first.postmaster();

        assertThat(first.terminate()).isIn(0, 143);
        assertThat(dataDir.resolve("postgres/postmaster.pid")).as("PostgreSQL shut down cleanly with its service").doesNotExist();
        // pg_ctl returns once the pid file is gone, a moment before the process itself has exited.
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !postmaster.isAlive());

        ServeProcess second = start(Map.of());
        ServeProcess.Answer order = second.get("/v1/orders/" + orderId);
        assertThat(order.json().get("status").asString()).isEqualTo("DELIVERED");
        assertThat(order.json().get("payments").get(0).get("paymentId").asString()).isEqualTo(paymentId);
        assertThat(order.json().get("payments").get(0).get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(cardKeys(second, orderId)).isEqualTo(codes).hasSize(1);
        assertThat(Files.readString(keyFile)).as("the key file is reused, not regenerated").isEqualTo(key);

        int rotated = new CommandLine(new PayonceCommand()).execute("admin", "rotate-card-key",
                "--url", "http://127.0.0.1:" + second.port(), "--admin-token", ServeProcess.ADMIN_TOKEN);
        assertThat(rotated).isZero();
        Path newKeyFile = dataDir.resolve("card-keys/v2.key");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(newKeyFile))).isEqualTo("rw-------");
        assertThat(count(second, "SELECT count(*) FROM card_keys WHERE key_version <> 2")).isZero();
        assertThat(second.terminate()).isIn(0, 143);

        // A cold backup, as the README describes it: the stopped folder copied whole, started elsewhere.
        Path copy = copyDir(dataDir, backupDir.resolve("payonce-data"));
        ServeProcess third = start(copy, Map.of());
        assertThat(cardKeys(third, orderId)).as("read under the rotated key from the copy").isEqualTo(codes);
        assertThat(Files.readString(copy.resolve("card-keys/v1.key"))).isEqualTo(key);
    }

    private static Path copyDir(Path from, Path to) throws IOException {
        try (var paths = Files.walk(from)) {
            for (Path path : paths.toList()) {
                Files.copy(path, to.resolve(from.relativize(path).toString()), StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
        return to;
    }

    @Test
    void after_kill_9_of_the_service_and_its_postgres_in_a_purchase_storm_every_acknowledged_order_is_there_and_the_audit_passes()
            throws Exception {
        Map<String, String> autopay = Map.of("PAYONCE_GATEWAY_AUTOPAY_MS", "100", "PAYONCE_PAYMENTS_PENDING_AFTER", "5s");
        ServeProcess serve = start(autopay);
        String sku = "storm-" + UUID.randomUUID().toString().substring(0, 8);
        createProduct(serve, sku);
        Journal journal = new Journal();
        for (int batch = 0; batch < 3; batch++) {
            importCodes(serve, sku, IntStream.range(0, 1000).mapToObj(i -> "STORM-" + UUID.randomUUID()).toList());
            journal.keysImported(sku, 1000);
        }

        AtomicInteger acknowledged = new AtomicInteger();
        ExecutorService buyers = Executors.newFixedThreadPool(STORM_BUYERS);
        List<Future<?>> storm = new ArrayList<>();
        for (int b = 0; b < STORM_BUYERS; b++) {
            storm.add(buyers.submit(() -> buyUntilTheServiceDies(serve, sku, journal, acknowledged)));
        }
        Awaitility.await().atMost(Duration.ofMinutes(2)).until(() -> acknowledged.get() >= ACKNOWLEDGED_BEFORE_KILL);
        ProcessHandle postmaster = serve.postmaster();
        killWithEverything(postmaster);
        killWithEverything(serve.process().toHandle());
        for (Future<?> buyer : storm) {
            buyer.get();
        }
        buyers.shutdown();

        ServeProcess restarted = start(autopay);
        assertThat(restarted.log()).contains("Reopened embedded PostgreSQL");
        assertThat(Settle.await(restarted.database(), journal, Duration.ofSeconds(90))).as("the service settled after the restart").isTrue();
        Audit.Result audit = Audit.standard().run(restarted.database(), journal);
        assertThat(audit.invariants().stream().filter(check -> !check.passed()).map(Check::toString).toList()).isEmpty();
        assertThat(audit.passed()).isTrue();
        assertThat(journal.orders()).hasSizeGreaterThanOrEqualTo(ACKNOWLEDGED_BEFORE_KILL);
        for (String orderId : journal.orders().keySet()) {
            ServeProcess.Answer order = restarted.get("/v1/orders/" + orderId);
            assertThat(order.status()).as(order.body()).isEqualTo(200);
        }

        // Killed alone, the JVM leaves its PostgreSQL behind once its watchdog is gone too: the next start stops it.
        ProcessHandle orphan = restarted.postmaster();
        killWithEverything(restarted.process().toHandle());
        assertThat(orphan.isAlive()).isTrue();
        ServeProcess afterOrphan = start(autopay);
        assertThat(orphan.isAlive()).isFalse();
        assertThat(afterOrphan.log()).contains("is still running on");
        assertThat(count(afterOrphan, "SELECT count(*) FROM orders")).isGreaterThanOrEqualTo(journal.orders().size());

        // Killed alone with its watchdog alive, the JVM's PostgreSQL is stopped by the watchdog.
        ProcessHandle watched = afterOrphan.postmaster();
        afterOrphan.process().destroyForcibly();
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> !watched.isAlive());
    }

    @Test
    void an_ephemeral_serve_says_so_writes_nothing_to_the_data_folder_and_its_postgres_and_folder_go_with_a_killed_jvm()
            throws Exception {
        ServeProcess ephemeral = ServeProcess.start(dataDir, Map.of(), "--ephemeral");
        started.add(ephemeral);
        String log = ephemeral.log();
        Matcher folder = Pattern.compile("--ephemeral: embedded PostgreSQL on 127\\.0\\.0\\.1:\\d+ in (\\S+), with fsync off").matcher(log);
        assertThat(folder.find()).as(log).isTrue();
        Path temporary = Path.of(folder.group(1));
        assertThat(log).contains("random key for this run only");
        try (var entries = Files.list(dataDir)) {
            assertThat(entries.toList()).isEmpty();
        }
        ProcessHandle postmaster = ProcessHandle.of(Long.parseLong(Files.readAllLines(temporary.resolve("postmaster.pid")).getFirst().strip()))
                .orElseThrow();

        ephemeral.process().destroyForcibly();

        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> !postmaster.isAlive() && !Files.exists(temporary));
    }

    private static Void buyUntilTheServiceDies(ServeProcess serve, String sku, Journal journal, AtomicInteger acknowledged) {
        try {
            while (true) {
                String key = UUID.randomUUID().toString();
                ServeProcess.Answer order = serve.post("/v1/orders", orderJson(sku), key);
                if (order.status() != 201) {
                    continue;
                }
                String orderId = order.json().get("orderId").asString();
                journal.orderAcknowledged(orderId, new Journal.OrderAck(sku, 1, PRICE));
                acknowledged.incrementAndGet();
                ServeProcess.Answer payment = serve.post("/v1/orders/" + orderId + "/payments", "{\"channel\":\"alipay\"}", UUID.randomUUID().toString());
                if (payment.status() == 201) {
                    journal.paymentAcknowledged(payment.json().get("paymentId").asString(), orderId);
                }
            }
        } catch (UncheckedIOException serviceGone) {
            return null;
        }
    }

    /** SIGKILL to the process and everything it started, children first, as a power cut or the OOM killer would. */
    private static void killWithEverything(ProcessHandle process) {
        List<ProcessHandle> family = new ArrayList<>(process.descendants().toList());
        family.add(process);
        family.forEach(ProcessHandle::destroyForcibly);
        family.forEach(member -> member.onExit().join());
    }

    private ServeProcess start(Map<String, String> env) throws IOException {
        return start(dataDir, env);
    }

    private ServeProcess start(Path folder, Map<String, String> env) throws IOException {
        ServeProcess serve = ServeProcess.start(folder, env);
        started.add(serve);
        return serve;
    }

    private static void createProduct(ServeProcess serve, String sku) {
        ServeProcess.Answer created = serve.admin("/v1/admin/products",
                "{\"sku\":\"" + sku + "\",\"name\":\"" + sku + "\",\"kind\":\"CARD_KEY\",\"price\":" + PRICE + ",\"currency\":\"CNY\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
    }

    private static void importCodes(ServeProcess serve, String sku, List<String> codes) {
        ServeProcess.Answer imported = serve.admin("/v1/admin/products/" + sku + "/card-keys",
                "{\"codes\":[" + codes.stream().map(c -> "\"" + c + "\"").collect(Collectors.joining(",")) + "]}");
        assertThat(imported.status()).as(imported.body()).isEqualTo(200);
        assertThat(imported.json().get("imported").asInt()).isEqualTo(codes.size());
    }

    private static String orderJson(String sku) {
        return "{\"sku\":\"" + sku + "\",\"quantity\":1,\"buyer\":{\"userId\":\"alice\",\"email\":\"alice@example.com\"}}";
    }

    private static String order(ServeProcess serve, String sku) {
        ServeProcess.Answer order = serve.post("/v1/orders", orderJson(sku), UUID.randomUUID().toString());
        assertThat(order.status()).as(order.body()).isEqualTo(201);
        return order.json().get("orderId").asString();
    }

    private static String pay(ServeProcess serve, String orderId) {
        ServeProcess.Answer payment = serve.post("/v1/orders/" + orderId + "/payments", "{\"channel\":\"alipay\"}", UUID.randomUUID().toString());
        assertThat(payment.status()).as(payment.body()).isEqualTo(201);
        return payment.json().get("paymentId").asString();
    }

    private static void awaitDelivered(ServeProcess serve, String orderId) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> "DELIVERED".equals(serve.get("/v1/orders/" + orderId).json().get("status").asString()));
    }

    private static List<String> cardKeys(ServeProcess serve, String orderId) {
        ServeProcess.Answer order = serve.get("/v1/orders/" + orderId);
        assertThat(order.status()).as(order.body()).isEqualTo(200);
        List<String> codes = new ArrayList<>();
        order.json().get("delivery").get("cardKeys").forEach(code -> codes.add(code.asString()));
        return codes;
    }

    private static String setting(ServeProcess serve, String name) throws IOException, SQLException {
        try (Connection connection = serve.database().connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SHOW " + name)) {
            rows.next();
            return rows.getString(1);
        }
    }

    private static long count(ServeProcess serve, String sql) throws IOException, SQLException {
        try (Connection connection = serve.database().connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
