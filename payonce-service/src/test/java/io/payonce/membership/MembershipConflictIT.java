package io.payonce.membership;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.payonce.membership.MemberApiClient.CallingSystem;
import io.payonce.membership.MemberApiClient.Response;
import io.payonce.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * An orderNo is one order: the same (systemId, orderNo) with another user or other days is
 * refused (40901) and applies nothing, and days past the expiry horizon are refused (40902)
 * and apply nothing. Written as the attack, with the rows counted before and after.
 */
@IntegrationTest
class MembershipConflictIT {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    MemberApiClient client;
    CallingSystem system;

    @BeforeEach
    void registerSystem() {
        client = new MemberApiClient(port);
        system = client.registerNewSystem();
    }

    @Test
    void the_same_order_for_another_user_is_refused_and_applies_nothing() {
        Response first = client.createOrRenew(system, "order-1", "alice", 30);
        Rows before = rows();

        Response hijack = client.createOrRenew(system, "order-1", "mallory", 30);

        assertThat(hijack.status()).isEqualTo(409);
        assertThat(hijack.code()).isEqualTo(40901);
        assertThat(hijack.json().get("data").isNull()).isTrue();
        assertThat(rows()).isEqualTo(before);
        assertThat(expiryOf("mallory")).isNull();
        assertThat(expiryOf("alice")).isEqualTo(Instant.parse(first.expiresAt()));
    }

    @Test
    void the_same_order_with_other_days_is_refused_and_applies_nothing() {
        Response first = client.createOrRenew(system, "order-1", "alice", 30);
        Rows before = rows();

        Response moreDays = client.createOrRenew(system, "order-1", "alice", 3650);
        Response fewerDays = client.createOrRenew(system, "order-1", "alice", 1);

        assertThat(moreDays.status()).isEqualTo(409);
        assertThat(moreDays.code()).isEqualTo(40901);
        assertThat(fewerDays.code()).isEqualTo(40901);
        assertThat(rows()).isEqualTo(before);
        assertThat(expiryOf("alice")).isEqualTo(Instant.parse(first.expiresAt()));
    }

    @Test
    void the_identical_repeat_still_answers_the_stored_success_after_a_refused_conflict() {
        Response first = client.createOrRenew(system, "order-1", "alice", 30);
        client.createOrRenew(system, "order-1", "bob", 30);

        Response repeat = client.createOrRenew(system, "order-1", "alice", 30);

        assertThat(repeat.status()).isEqualTo(200);
        assertThat(repeat.body()).isEqualTo(first.body());
    }

    @Test
    void a_conflicting_request_with_a_used_nonce_is_a_replay_first() {
        client.createOrRenew(system, "order-1", "alice", 30);
        Map<String, Object> used = client.signedFields(system, "order-2", "alice", 30);
        client.post("/api/member/createOrRenewMember", used);
        Rows before = rows();

        Map<String, Object> conflictSameNonce = new java.util.LinkedHashMap<>(used);
        conflictSameNonce.put("orderNo", "order-1");
        conflictSameNonce.put("userId", "mallory");
        conflictSameNonce.put("sign", MemberApiClient.sign(conflictSameNonce, system.keyPair().getPrivate()));
        Response answer = client.post("/api/member/createOrRenewMember", conflictSameNonce);

        assertThat(answer.code()).isEqualTo(40104);
        assertThat(rows()).isEqualTo(before);
    }

    @Test
    void racing_requests_for_one_order_and_two_users_grant_one_user_once() throws Exception {
        int racers = 16;
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Response>> answers = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(racers)) {
            for (int i = 0; i < racers; i++) {
                String user = i % 2 == 0 ? "alice" : "mallory";
                answers.add(pool.submit(() -> {
                    go.await();
                    return client.createOrRenew(system, "order-race", user, 30);
                }));
            }
            go.countDown();
            List<Response> successes = new ArrayList<>();
            int conflicts = 0;
            for (Future<Response> future : answers) {
                Response answer = future.get(60, TimeUnit.SECONDS);
                if (answer.code() == 0) {
                    successes.add(answer);
                } else {
                    assertThat(answer.code()).as(answer.body()).isEqualTo(40901);
                    conflicts++;
                }
            }
            String winner = successes.getFirst().data().get("userId").asString();
            assertThat(successes).allSatisfy(s -> assertThat(s.body()).isEqualTo(successes.getFirst().body()));
            assertThat(successes).hasSize(racers / 2);
            assertThat(conflicts).isEqualTo(racers / 2);
            assertThat(rows()).isEqualTo(new Rows(1, 1, racers / 2));
            assertThat(expiryOf(winner.equals("alice") ? "mallory" : "alice")).isNull();
        }
    }

    @Test
    void days_that_would_pass_the_expiry_horizon_are_refused_and_apply_nothing() {
        // Ten renewals of 3650 days reach 36,500 of the 36,525 days a membership may reach ahead.
        for (int i = 0; i < 10; i++) {
            assertThat(client.createOrRenew(system, "order-" + i, "alice", 3650).code()).isZero();
        }
        Instant expiry = expiryOf("alice");
        Rows before = rows();

        Response past = client.createOrRenew(system, "order-past", "alice", 3650);

        assertThat(past.status()).isEqualTo(409);
        assertThat(past.code()).isEqualTo(40902);
        assertThat(past.json().get("message").asString()).contains("36525 days");
        assertThat(rows()).isEqualTo(before);
        assertThat(expiryOf("alice")).isEqualTo(expiry);
        assertThat(client.createOrRenew(system, "order-other-user", "bob", 3650).code()).isZero();
    }

    /** What a refused request must leave unchanged: members, grants and nonces of this system. */
    record Rows(long members, long grants, long nonces) {
    }

    private Rows rows() {
        return new Rows(count("members"), count("member_grants"), count("member_nonces"));
    }

    private long count(String table) {
        return jdbc.sql("SELECT count(*) FROM " + table + " WHERE system_id = ?").param(system.systemId()).query(Long.class).single();
    }

    private Instant expiryOf(String userId) {
        return jdbc.sql("SELECT expires_at FROM members WHERE system_id = ? AND user_id = ?")
                .param(system.systemId()).param(userId)
                .query(OffsetDateTime.class).optional().map(OffsetDateTime::toInstant).orElse(null);
    }
}
