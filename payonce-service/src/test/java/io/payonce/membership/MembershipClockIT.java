package io.payonce.membership;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import io.payonce.membership.MemberApiClient.CallingSystem;
import io.payonce.membership.MemberApiClient.Response;
import io.payonce.support.IntegrationTest;
import io.payonce.support.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Rules that depend on time, tested by moving an injected clock instead of sleeping. */
@IntegrationTest
@Import(MembershipClockIT.MutableClockConfig.class)
@DirtiesContext
class MembershipClockIT {

    @TestConfiguration(proxyBeanMethods = false)
    static class MutableClockConfig {
        @Bean
        @Primary
        MutableClock mutableClock() {
            return new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        }
    }

    @DynamicPropertySource
    static void smallPool(DynamicPropertyRegistry registry) {
        registry.add("payonce.db.pool-size", () -> "8");
    }

    @LocalServerPort
    int port;
    @Autowired
    MutableClock clock;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    NonceCleanupJob nonceCleanup;

    MemberApiClient client;
    CallingSystem system;

    @BeforeEach
    void setUp() {
        clock.set(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        client = new MemberApiClient(port, clock::millis);
        system = client.registerNewSystem();
    }

    @Test
    void the_service_runs_on_the_injected_clock() {
        Instant far = clock.instant().plus(Duration.ofDays(1000));
        clock.set(far);

        Response created = client.createOrRenew(system, "order-1", "alice", 1);

        assertThat(Instant.parse(created.expiresAt())).isEqualTo(far.plus(Duration.ofDays(1)));
    }

    @Test
    void renewing_an_expired_membership_starts_from_now() {
        Instant t0 = clock.instant();
        client.createOrRenew(system, "order-1", "alice", 1);
        clock.advance(Duration.ofDays(3));

        Response renewed = client.createOrRenew(system, "order-2", "alice", 10);

        assertThat(Instant.parse(renewed.expiresAt())).isEqualTo(t0.plus(Duration.ofDays(3 + 10)));
    }

    @Test
    void renewing_an_active_membership_starts_from_its_expiry() {
        Instant t0 = clock.instant();
        client.createOrRenew(system, "order-1", "alice", 30);
        clock.advance(Duration.ofDays(10));

        Response renewed = client.createOrRenew(system, "order-2", "alice", 5);

        assertThat(Instant.parse(renewed.expiresAt())).isEqualTo(t0.plus(Duration.ofDays(35)));
    }

    @Test
    void the_lookup_says_active_until_the_expiry_and_inactive_from_then() {
        Instant expiry = Instant.parse(client.createOrRenew(system, "order-1", "alice", 2).expiresAt());
        String path = "/api/member/" + system.systemId() + "/alice";

        clock.set(expiry.minusSeconds(1));
        boolean activeJustBefore = client.get(path).data().get("active").asBoolean();
        clock.set(expiry);
        Response atExpiry = client.get(path);

        assertThat(activeJustBefore).isTrue();
        assertThat(atExpiry.status()).isEqualTo(200);
        assertThat(atExpiry.data().get("active").asBoolean()).isFalse();
    }

    @Test
    void a_timestamp_exactly_at_the_window_edge_passes_and_one_millisecond_beyond_is_stale() {
        long now = clock.millis();
        long window = Duration.ofMinutes(5).toMillis();

        Response pastEdge = send("order-1", now - window);
        Response futureEdge = send("order-2", now + window);
        Response pastBeyond = send("order-3", now - window - 1);
        Response futureBeyond = send("order-4", now + window + 1);

        assertThat(pastEdge.code()).isZero();
        assertThat(futureEdge.code()).isZero();
        assertThat(pastBeyond.status()).isEqualTo(401);
        assertThat(pastBeyond.code()).isEqualTo(40103);
        assertThat(futureBeyond.code()).isEqualTo(40103);
    }

    @Test
    void nonce_cleanup_forgets_only_nonces_older_than_the_retention() {
        Response early = client.createOrRenew(system, "order-1", "alice", 1);
        clock.advance(Duration.ofMinutes(10));
        client.createOrRenew(system, "order-2", "alice", 1);
        clock.advance(Duration.ofMinutes(5).plusSeconds(1));

        nonceCleanup.purge();

        assertThat(early.code()).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM member_nonces WHERE system_id = ? AND seen_at < ?")
                .param(system.systemId()).param(java.sql.Timestamp.from(clock.instant().minus(Duration.ofMinutes(15))))
                .query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM member_nonces WHERE system_id = ?").param(system.systemId())
                .query(Long.class).single()).isEqualTo(1);
    }

    private Response send(String orderNo, long timestamp) {
        Map<String, Object> fields = client.signedFields(system, orderNo, "alice", 1);
        fields.remove("sign");
        fields.put("timestamp", timestamp);
        fields.put("sign", MemberApiClient.sign(fields, system.keyPair().getPrivate()));
        return client.post("/api/member/createOrRenewMember", fields);
    }
}
