package io.payonce.bench.target;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.payonce.bench.Bench;
import io.payonce.bench.BenchSettings;
import io.payonce.bench.audit.Check;
import io.payonce.bench.load.LoadModel;
import io.payonce.bench.load.LoadPlan;
import io.payonce.bench.load.Transport;
import io.payonce.bench.results.Summary;
import io.payonce.bench.scenarios.ScenarioOptions;
import io.payonce.support.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Three payonce processes on one PostgreSQL, one Redis and one RabbitMQ node of the test's own, paying through one
 * sandbox gateway, behind the bench's round-robin balancer: the single-instance scenario checks
 * hold exactly, one Idempotency-Key sent to all three at once makes one order and one payment,
 * and a Redis stop, a PostgreSQL restart, a RabbitMQ stop and a kill -9 of an instance in the
 * middle of a storm leave a clean audit (every queued order gets its turn, through the broker or,
 * while it is down, the PostgreSQL poller). One cluster serves every test (three cold JVMs cost most of the time);
 * the faults come last, and each run has its own skus and users.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ThreeInstancesIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** Logs of the instances, and each run's summary.json and report.html, kept for a look after a failure. */
    private static final Path FOLDER = Path.of("target", "three-instances");

    private Target target;
    private Cluster cluster;

    @BeforeAll
    void startCluster() throws Exception {
        // The gateway's books on the machine's PostgreSQL: the private one is restarted by a test,
        // and Alipay does not go down with the shop's database.
        Database gatewayDatabase = new Database(TestDatabase.createDatabase(), TestDatabase.user(), null);
        // C1 only and one GC thread: three JVMs start at once on 2 cores, and these tests measure nothing.
        target = Cluster.start(new Cluster.Options(3, null, true, null, gatewayDatabase, FOLDER, 300,
                List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"), true));
        cluster = (Cluster) target.owner();
    }

    @AfterAll
    void stopCluster() throws Exception {
        if (target != null) {
            target.close();
        }
    }

    @Test
    @Order(1)
    void duplicate_storm_spread_over_three_instances_makes_one_order_and_one_charge_per_key() throws Exception {
        long[] before = cluster.proxy().connectionsPerInstance();

        Summary summary = run("duplicate-storm", 5, 4, Chaos.Plan.NONE).summary();

        assertPassedAndChecked(summary, "no payment charged twice", "no order paid twice", "every acknowledged request durable",
                "every paid trade applied", "replays identical");
        assertThat(summary.errorsByCause()).isEmpty();
        long[] after = cluster.proxy().connectionsPerInstance();
        for (int i = 0; i < after.length; i++) {
            assertThat(after[i] - before[i]).as("connections to instance %d", i + 1).isPositive();
        }
    }

    @Test
    @Order(2)
    void flash_sale_over_three_instances_never_sells_a_key_twice_nor_loses_one() throws Exception {
        Summary summary = run("flash-sale", 20, 4, Chaos.Plan.NONE).summary();

        assertPassedAndChecked(summary, "stock conserved", "no card key delivered twice", "no payment charged twice");
        assertThat(summary.expectedByCause()).containsKey("create_order 409 sold_out");
        assertThat(summary.errorsByCause()).isEmpty();
    }

    @Test
    @Order(3)
    void renewal_storm_over_three_instances_applies_every_signed_renewal_exactly_once() throws Exception {
        Summary summary = run("member-renew", 20, 4, Chaos.Plan.NONE).summary();

        assertPassedAndChecked(summary, "membership expiry = start + granted days", "renewals applied as sent",
                "every acknowledged renewal durable");
        assertThat(summary.errorsByCause()).isEmpty();
    }

    @Test
    @Order(4)
    void one_idempotency_key_sent_to_all_three_instances_at_once_makes_one_order_and_one_payment() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String sku = "three-" + run;
        admin("/v1/admin/products", Map.of("sku", sku, "name", "three " + run, "kind", "CARD_KEY", "price", 1999, "currency", "CNY"), 201);
        admin("/v1/admin/products/" + sku + "/card-keys", Map.of("codes", List.of("T-" + run + "-1", "T-" + run + "-2")), 200);
        String buyer = "Bearer " + send(cluster.instanceUrls().getFirst(), "/v1/buyer-sessions", Map.of(), Map.of()).body()
                .path("buyerToken").asString();

        List<Answer> orders = toAllAtOnce("/v1/orders", Map.of("sku", sku, "quantity", 1, "buyer", Map.of("userId", "u-" + run)),
                Map.of("Authorization", buyer, "Idempotency-Key", "order-" + run));
        JsonNode order = onlyCreated(orders, "orderId");
        Map<String, String> payHeaders = Map.of("X-Order-Token", order.path("orderToken").asString(), "Idempotency-Key", "pay-" + run);
        String payPath = "/v1/orders/" + order.path("orderId").asString() + "/payments";
        JsonNode payment = onlyCreated(toAllAtOnce(payPath, Map.of("channel", "alipay"), payHeaders), "paymentId");
        // Once the first finished, each instance replays its answer: the key's outcome is in the shared database.
        for (URI instance : cluster.instanceUrls()) {
            Answer retry = send(instance, payPath, Map.of("channel", "alipay"), payHeaders);
            assertThat(retry.status()).isEqualTo(201);
            assertThat(retry.body().path("paymentId").asString()).isEqualTo(payment.path("paymentId").asString());
        }

        assertThat(count("SELECT count(*) FROM orders WHERE sku = ?", sku)).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM payments WHERE order_id = ?", order.path("orderId").asString())).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM payments WHERE id = ?", payment.path("paymentId").asString())).isEqualTo(1);
    }

    @Test
    @Order(5)
    void redis_stopped_postgres_restarted_broker_stopped_and_an_instance_killed_mid_storm_lose_and_double_nothing() throws Exception {
        // The kill comes last: its restart is a cold JVM, which may outlast the load on a busy machine.
        Chaos.Plan plan = new Chaos.Plan(List.of(Chaos.Fault.REDIS, Chaos.Fault.POSTGRES, Chaos.Fault.BROKER, Chaos.Fault.KILL),
                Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(1));
        Bench bench = bench("chaos", 15, 20, plan);

        Summary summary = bench.runAgainst(target).summary();

        assertThat(bench.chaosEvents()).extracting(Chaos.Event::fault).containsExactly("redis", "postgres", "broker", "kill");
        // Calls in flight when a fault struck fail (no answer, 5xx): that is allowed. What the
        // service acknowledged must be in its database, and nothing may be paid or delivered twice.
        assertPassedAndChecked(summary, "no payment charged twice", "no order paid twice", "every acknowledged request durable",
                "stock conserved", "no card key delivered twice", "renewals applied as sent", "membership expiry = start + granted days",
                "every queued order got its turn");
        assertThat(healthyInstances()).as("every instance serves again after the faults").isEqualTo(3);
    }

    private Bench.Outcome run(String scenario, double rate, int seconds, Chaos.Plan plan) throws Exception {
        return bench(scenario, rate, seconds, plan).runAgainst(target);
    }

    private Bench bench(String scenario, double rate, int seconds, Chaos.Plan plan) throws java.io.IOException {
        LoadPlan load = new LoadPlan(new LoadModel.Open(rate), Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(seconds), 0,
                256, Duration.ofSeconds(10), Duration.ofSeconds(20));
        ScenarioOptions defaults = ScenarioOptions.defaults();
        ScenarioOptions options = new ScenarioOptions(50, defaults.dupFactor(), 20, 2_000, defaults.channel(), defaults.keyBits(),
                defaults.weights(), defaults.path(), 400);
        Path out = java.nio.file.Files.createDirectories(FOLDER.resolve("runs").resolve(scenario));
        BenchSettings settings = new BenchSettings(scenario, target.baseUrl(), target.adminToken(), target.database(), load, options,
                out, EmbeddedService.Mode.CHILD, 300, Duration.ofSeconds(90), true, Transport.Kind.APACHE);
        return new Bench(settings, System.err).withChaos(plan);
    }

    private static void assertPassedAndChecked(Summary summary, String... exercised) {
        Map<String, Check> checks = summary.audit().invariants().stream().collect(Collectors.toMap(Check::name, Function.identity()));
        assertThat(summary.audit().invariants()).allSatisfy(check -> assertThat(check.passed()).as(check.name() + " " + check.examples()).isTrue());
        for (String name : exercised) {
            assertThat(checks.get(name).checked()).as(name + " checked something").isPositive();
        }
        assertThat(summary.requests()).isPositive();
    }

    private record Answer(int status, JsonNode body) {
    }

    /** The same call to every instance, three copies each, released together. */
    private List<Answer> toAllAtOnce(String path, Object body, Map<String, String> headers) throws Exception {
        List<URI> instances = cluster.instanceUrls();
        int copies = 3 * instances.size();
        CyclicBarrier start = new CyclicBarrier(copies);
        List<Future<Answer>> futures = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(copies)) {
            for (int i = 0; i < copies; i++) {
                URI instance = instances.get(i % instances.size());
                futures.add(threads.submit(() -> {
                    start.await();
                    return send(instance, path, body, headers);
                }));
            }
        }
        List<Answer> answers = new ArrayList<>();
        for (Future<Answer> future : futures) {
            answers.add(future.get());
        }
        return answers;
    }

    /** Every copy was answered the one outcome (201 with the same id) or told the key is still in use (409, retry later). */
    private JsonNode onlyCreated(List<Answer> answers, String idField) throws Exception {
        assertThat(answers).allSatisfy(answer -> assertThat(answer.status()).as(answer.body().toString()).isIn(201, 409));
        assertThat(answers.stream().filter(answer -> answer.status() == 409))
                .allSatisfy(answer -> assertThat(answer.body().path("code").asString()).isEqualTo("idempotency_key_in_use"));
        List<JsonNode> created = answers.stream().filter(answer -> answer.status() == 201).map(Answer::body).toList();
        assertThat(created).isNotEmpty();
        assertThat(created.stream().map(body -> body.path(idField).asString()).distinct()).hasSize(1);
        return created.getFirst();
    }

    private void admin(String path, Object body, int expected) throws Exception {
        Answer answer = send(cluster.instanceUrls().getFirst(), path, body, Map.of("Authorization", "Bearer " + target.adminToken()));
        assertThat(answer.status()).as(path + " " + answer.body()).isEqualTo(expected);
    }

    private static Answer send(URI instance, String path, Object body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(instance.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        headers.forEach(request::header);
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body()));
    }

    private long count(String sql, String parameter) throws Exception {
        try (Connection connection = target.database().connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, parameter);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private int healthyInstances() throws Exception {
        int healthy = 0;
        for (URI instance : cluster.instanceUrls()) {
            HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(instance.resolve("/actuator/health")).build(),
                    HttpResponse.BodyHandlers.discarding());
            healthy += response.statusCode() == 200 ? 1 : 0;
        }
        return healthy;
    }
}
