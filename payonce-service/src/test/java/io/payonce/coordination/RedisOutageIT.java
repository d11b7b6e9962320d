package io.payonce.coordination;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.MeterRegistry;
import io.payonce.support.Api;
import io.payonce.support.IntegrationTest;
import io.payonce.support.PrivateRedis;
import io.payonce.support.SecondPayonce;
import io.payonce.support.Shop;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Issue 10: Redis only cuts load. Two instances share a Redis of the test's own for rate limits
 * and cached stored answers; flushing it loses no answer, and stopping it in the middle of a storm
 * of orders and replays leaves every answer right: each key one order, each replay byte for byte
 * the first answer, never a 5xx. Health says DEGRADED (still 200) while Redis is gone, and both
 * instances use Redis again by themselves once it is back.
 */
@IntegrationTest
class RedisOutageIT {

    private static final int STORM_THREADS = 6;
    /** Order-and-replay pairs each phase of the storm waits for: enough to cross the breaker's window. */
    private static final int PAIRS_PER_PHASE = 30;
    private static final PrivateRedis REDIS = PrivateRedis.start();
    /**
     * Limits far above the storm, so every request asks Redis for its buckets and none is refused;
     * the storefront's captcha off, since every buyer of the storm orders from 127.0.0.1.
     */
    private static final String[] SETTINGS = {"--payonce.redis.url=" + REDIS.url(), "--payonce.rate-limit.per-second=100000",
            "--payonce.rate-limit.caller-per-second=100000", "--payonce.coordination.redis-probe-interval=1s",
            "--payonce.captcha.free-orders=0"};

    @DynamicPropertySource
    static void redis(DynamicPropertyRegistry registry) {
        for (String setting : SETTINGS) {
            String[] pair = setting.substring(2).split("=", 2);
            registry.add(pair[0], () -> pair[1]);
        }
    }

    @LocalServerPort
    int port;
    @Autowired
    Environment environment;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MeterRegistry meters;
    static SecondPayonce second;
    Api first;
    Api other;
    String sku;

    @BeforeEach
    void setUp() {
        if (second == null) {
            second = SecondPayonce.start(environment, SETTINGS);
        }
        first = new Api(port);
        other = new Api(second.port());
        sku = Shop.uniqueSku("vip");
        new Shop(first).membershipProduct(sku, 990, 30);
    }

    @AfterAll
    static void stop() {
        if (second != null) {
            second.close();
        }
        REDIS.close();
    }

    @Test
    void a_replayed_answer_is_cached_and_a_flushall_loses_none() {
        Shop buyer = new Shop(first);
        Api.Answer created = buyer.order(sku, 1, "flush-1");
        Api.Answer fromDatabase = buyer.at(other).order(sku, 1, "flush-1");
        int cached = REDIS.countKeys("payonce:answer:");

        REDIS.flushAll();
        Api.Answer afterFlush = buyer.order(sku, 1, "flush-1");
        Api.Answer elsewhereAfterFlush = buyer.at(other).order(sku, 1, "flush-1");

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(cached).isPositive();
        for (Api.Answer replay : List.of(fromDatabase, afterFlush, elsewhereAfterFlush)) {
            assertThat(replay.status()).isEqualTo(201);
            assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
            assertThat(replay.body()).isEqualTo(created.body());
        }
        assertThat(ordersOf(created)).isEqualTo(1);
    }

    @Test
    void a_cached_answer_is_never_served_to_another_caller_with_the_same_key_and_body() {
        Shop alice = new Shop(first);
        Api.Answer hers = alice.order(sku, 1, "same-key");
        alice.order(sku, 1, "same-key");
        Api.Answer cachedReplay = alice.order(sku, 1, "same-key");

        Api.Answer mallorys = new Shop(first).order(sku, 1, "same-key");

        assertThat(cachedReplay.body()).isEqualTo(hers.body());
        assertThat(mallorys.status()).as(mallorys.body()).isEqualTo(201);
        assertThat(mallorys.header("Idempotent-Replayed")).isNull();
        assertThat(mallorys.json().get("orderId").asString()).isNotEqualTo(hers.json().get("orderId").asString());
        assertThat(mallorys.body()).doesNotContain(hers.json().get("orderToken").asString());
    }

    @Test
    void redis_stopped_and_started_again_mid_storm_leaves_every_answer_right_and_comes_back_by_itself() throws Exception {
        Storm storm = new Storm();
        try (ExecutorService pool = Executors.newFixedThreadPool(STORM_THREADS)) {
            List<Future<?>> threads = java.util.stream.IntStream.range(0, STORM_THREADS)
                    .mapToObj(i -> pool.submit(() -> storm.run(new Shop(first), i))).collect(java.util.stream.Collectors.toList());
            storm.awaitMorePairs(PAIRS_PER_PHASE);

            REDIS.stop();
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> health(first).contains("DEGRADED"));
            storm.awaitMorePairs(PAIRS_PER_PHASE);
            String degraded = health(other);
            double fallbacks = fallbacks();

            REDIS.startAgain();
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> health(first).contains("\"UP\"") && health(other).contains("\"UP\""));
            storm.awaitMorePairs(PAIRS_PER_PHASE);
            storm.stop.set(true);
            for (Future<?> thread : threads) {
                thread.get();
            }

            assertThat(degraded).contains("DEGRADED");
            assertThat(fallbacks).isPositive();
        }
        assertThat(storm.wrong).as("wrong answers").isEmpty();
        assertThat(storm.created).hasSizeGreaterThanOrEqualTo(3 * PAIRS_PER_PHASE);
        // Each key made exactly one order: as many orders as keys answered, and every orderId distinct.
        assertThat(Set.copyOf(storm.created.values())).hasSize(storm.created.size());
        assertThat(jdbc.sql("SELECT count(*) FROM orders WHERE sku = :sku").param("sku", sku).query(Long.class).single())
                .isEqualTo(storm.created.size());
        // Back in use: rate-limit buckets and a cached answer were written to the restarted, empty Redis.
        Shop buyer = new Shop(first);
        buyer.order(sku, 1, "after-outage");
        buyer.order(sku, 1, "after-outage");
        assertThat(REDIS.countKeys("payonce:rate:")).isPositive();
        assertThat(REDIS.countKeys("payonce:answer:")).isPositive();
        assertThat(meters.get("payonce.redis.available").gauge().value()).isEqualTo(1.0);
    }

    /** Buyers creating orders on one instance and replaying them on the other, until told to stop. */
    private final class Storm {
        final AtomicBoolean stop = new AtomicBoolean();
        final AtomicInteger pairs = new AtomicInteger();
        final Map<String, String> created = new ConcurrentHashMap<>();
        final ConcurrentLinkedQueue<String> wrong = new ConcurrentLinkedQueue<>();

        void run(Shop buyer, int thread) {
            Shop elsewhere = buyer.at(other);
            while (!stop.get()) {
                String key = "storm-" + thread + "-" + UUID.randomUUID();
                Api.Answer answer = buyer.order(sku, 1, key);
                Api.Answer replay = elsewhere.order(sku, 1, key);
                if (answer.status() != 201) {
                    wrong.add("create " + key + ": " + answer.status() + " " + answer.body());
                } else if (replay.status() != 201 || !"true".equals(replay.header("Idempotent-Replayed")) || !replay.body().equals(answer.body())) {
                    wrong.add("replay " + key + ": " + replay.status() + " " + replay.body());
                } else {
                    created.put(key, answer.json().get("orderId").asString());
                }
                pairs.incrementAndGet();
            }
        }

        void awaitMorePairs(int more) {
            int target = pairs.get() + more;
            Awaitility.await().atMost(Duration.ofMinutes(3)).until(() -> pairs.get() >= target || !wrong.isEmpty());
        }
    }

    private static String health(Api instance) {
        return instance.get("/actuator/health").body();
    }

    private double fallbacks() {
        return meters.find("payonce.redis.fallbacks").counters().stream().mapToDouble(counter -> counter.count()).sum();
    }

    private long ordersOf(Api.Answer created) {
        return jdbc.sql("SELECT count(*) FROM orders WHERE id = :id").param("id", created.json().get("orderId").asString())
                .query(Long.class).single();
    }
}
