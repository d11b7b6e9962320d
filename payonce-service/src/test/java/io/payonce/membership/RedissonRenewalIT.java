package io.payonce.membership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.payonce.PayonceApplication;
import io.payonce.membership.MemberApiClient.CallingSystem;
import io.payonce.membership.MemberApiClient.Response;
import io.payonce.support.IntegrationTest;
import io.payonce.support.TestRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.MetadataReaderFactory;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Two payonce instances on one database, coordinating through Redis (Redisson fenced locks):
 * the storms spread over both, and a lock holder that stalls past its lease.
 */
@IntegrationTest
@DirtiesContext
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RedissonRenewalIT extends RenewalStormScenarios {

    /** Short, so the stalled-holder test waits about a second for the lease to run out. */
    static final String LOCK_LEASE = "1s";

    @DynamicPropertySource
    static void redis(DynamicPropertyRegistry registry) {
        registry.add("payonce.redis.url", TestRedis::url);
        registry.add("payonce.membership.lock-lease", () -> LOCK_LEASE);
        registry.add("payonce.db.pool-size", () -> "6");
    }

    @Autowired
    Environment environment;
    @Autowired
    DataSource dataSource;

    ConfigurableApplicationContext secondInstance;
    int secondPort;

    @BeforeAll
    void startSecondInstance() {
        // Command-line arguments, because default properties rank below application.yml.
        secondInstance = new SpringApplicationBuilder(PayonceApplication.class)
                .initializers(context -> context.getBeanFactory().registerSingleton("excludeTestClasses", new ExcludeTestClasses()))
                .run("--server.port=0",
                        "--payonce.db.url=" + environment.getRequiredProperty("payonce.db.url"),
                        "--payonce.db.username=" + environment.getRequiredProperty("payonce.db.username"),
                        "--payonce.db.password=",
                        "--payonce.db.pool-size=4",
                        "--payonce.redis.url=" + TestRedis.url(),
                        "--payonce.membership.lock-lease=" + LOCK_LEASE,
                        "--payonce.admin.token=" + IntegrationTest.ADMIN_TOKEN,
                        "--payonce.rate-limit.per-second=0",
                        "--payonce.card-keys.encryption-key=" + IntegrationTest.CARD_KEY_ENCRYPTION_KEY);
        secondPort = Integer.parseInt(secondInstance.getEnvironment().getRequiredProperty("local.server.port"));
    }

    @AfterAll
    void stopSecondInstance() {
        if (secondInstance != null) {
            secondInstance.close();
        }
    }

    @Override
    List<MemberApiClient> clients() {
        return List.of(new MemberApiClient(port), new MemberApiClient(secondPort));
    }

    @Override
    List<MeterRegistry> registries() {
        return List.of(meters, secondInstance.getBean(MeterRegistry.class));
    }

    @Override
    boolean locking() {
        return true;
    }

    @Test
    void renewals_take_the_redis_lock() throws Exception {
        CallingSystem system = new MemberApiClient(port).registerNewSystem();
        long before = redissonAcquisitions();

        new MemberApiClient(port).createOrRenew(system, "order-1", "alice", 1);
        new MemberApiClient(secondPort).createOrRenew(system, "order-2", "alice", 1);

        assertThat(redissonAcquisitions() - before).isEqualTo(2);
    }

    /**
     * A takes the lock on instance one, then stalls inside its transaction (its grant insert waits
     * on a row this test holds) until its 1 s lease has run out. B, on instance two, gets the lock
     * meanwhile and commits. When A resumes it no longer holds the lock, yet its write must add its
     * days on top of B's, and the fencing tokens show the order in which the lock was held.
     */
    @Test
    void a_holder_that_stalls_past_its_lease_loses_the_lock_but_not_its_days() throws Exception {
        MemberApiClient one = new MemberApiClient(port);
        MemberApiClient two = new MemberApiClient(secondPort);
        CallingSystem system = one.registerNewSystem();
        String user = "stalled-" + UUID.randomUUID();
        Instant start = Instant.parse(one.createOrRenew(system, "order-start", user, 1).expiresAt());
        double leasesLostBefore = meters.counter("payonce.lock.leases.lost").count();

        try (ExecutorService pool = Executors.newSingleThreadExecutor();
             Connection blocker = dataSource.getConnection()) {
            blocker.setAutoCommit(false);
            holdGrantRow(blocker, system, user, "order-A");
            Future<Response> stalled = pool.submit(() -> one.createOrRenew(system, "order-A", user, 7));
            await().atMost(Duration.ofSeconds(30)).until(() -> backendsWaitingOnALock() >= 1);

            Response b = two.createOrRenew(system, "order-B", user, 11);

            assertThat(b.code()).as(b.body()).isZero();
            assertThat(Instant.parse(b.expiresAt())).isEqualTo(start.plus(Duration.ofDays(11)));
            assertThat(stalled).isNotDone();
            blocker.rollback();
            Response a = stalled.get(60, TimeUnit.SECONDS);
            assertThat(a.code()).as(a.body()).isZero();
            assertThat(Instant.parse(a.expiresAt())).isEqualTo(start.plus(Duration.ofDays(11 + 7)));
        }
        assertThat(storedExpiry(system, user)).isEqualTo(start.plus(Duration.ofDays(18)));
        long tokenA = lockToken(system, "order-A");
        long tokenB = lockToken(system, "order-B");
        assertThat(tokenB).isGreaterThan(tokenA);
        assertThat(meters.counter("payonce.lock.leases.lost").count() - leasesLostBefore).isEqualTo(1);
    }

    /** An uncommitted grant row for the order: A's own insert of that order waits on it. */
    private static void holdGrantRow(Connection connection, CallingSystem system, String user, String orderNo) throws Exception {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO member_grants (system_id, order_no, user_id, days, source, created_at)
                VALUES (?, ?, ?, 1, 'API', now())""")) {
            insert.setString(1, system.systemId());
            insert.setString(2, orderNo);
            insert.setString(3, user);
            insert.executeUpdate();
        }
    }

    private long backendsWaitingOnALock() {
        return jdbc.sql("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'")
                .query(Long.class).single();
    }

    private long lockToken(CallingSystem system, String orderNo) {
        return jdbc.sql("SELECT lock_token FROM member_grants WHERE system_id = ? AND order_no = ?")
                .param(system.systemId()).param(orderNo).query(Long.class).single();
    }

    private long redissonAcquisitions() {
        return registries().stream()
                .flatMap(registry -> registry.find("payonce.lock.wait").tag("backend", "redisson").tag("outcome", "acquired").timers().stream())
                .mapToLong(Timer::count).sum();
    }

    /**
     * Keeps test classes (test configurations of other test classes, say) out of the second
     * instance's component scan, as Spring Boot's test support does for the first.
     */
    static final class ExcludeTestClasses extends TypeExcludeFilter {
        @Override
        public boolean match(MetadataReader reader, MetadataReaderFactory factory) throws IOException {
            return reader.getResource().getURL().toString().contains("/test-classes/");
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof ExcludeTestClasses;
        }

        @Override
        public int hashCode() {
            return ExcludeTestClasses.class.hashCode();
        }
    }
}
