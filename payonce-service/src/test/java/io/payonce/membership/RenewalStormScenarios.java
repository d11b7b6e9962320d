package io.payonce.membership;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.payonce.membership.MemberApiClient.CallingSystem;
import io.payonce.membership.MemberApiClient.Response;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The renewal storms of issue 3, run by each lock configuration (subclasses): with the local
 * lock, with Redisson across two instances, and with no lock at all. The outcome must be exact in
 * every one of them, because correctness rests on PostgreSQL, not on the lock.
 */
abstract class RenewalStormScenarios {

    /** Two cores: more client threads than this only queue in the client. */
    static final int THREADS = 32;
    static final int RENEWALS = 200;
    static final int SAME_ORDER_CALLS = 50;

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MeterRegistry meters;

    /** The instances requests are spread over, round robin. */
    List<MemberApiClient> clients() {
        return List.of(new MemberApiClient(port));
    }

    List<MeterRegistry> registries() {
        return List.of(meters);
    }

    /** Whether renewals take the per-user lock in this configuration. */
    abstract boolean locking();

    @Test
    void two_hundred_concurrent_renewals_of_one_user_add_up_to_exactly_the_sum_of_their_days() throws Exception {
        List<MemberApiClient> clients = clients();
        CallingSystem system = clients.getFirst().registerNewSystem();
        String user = "storm-" + UUID.randomUUID();
        Instant start = Instant.parse(clients.getFirst().createOrRenew(system, "order-start", user, 1).expiresAt());
        long lockRequestsBefore = lockRequests();

        List<Response> answers = race(RENEWALS, i -> clients.get(i % clients.size())
                .createOrRenew(system, "order-" + (i + 1), user, i + 1));

        long sumOfDays = (long) RENEWALS * (RENEWALS + 1) / 2;
        assertThat(answers).allSatisfy(answer -> assertThat(answer.code()).as(answer.body()).isZero());
        assertThat(storedExpiry(system, user)).isEqualTo(start.plus(Duration.ofDays(sumOfDays)));
        assertAppliedOneAfterAnother(answers, start);
        assertThat(rows("member_grants", system)).isEqualTo(RENEWALS + 1);
        assertThat(lockRequests() - lockRequestsBefore).isEqualTo(locking() ? RENEWALS : 0);
    }

    @Test
    void fifty_concurrent_calls_with_one_order_extend_once_and_all_get_the_first_answer() throws Exception {
        List<MemberApiClient> clients = clients();
        CallingSystem system = clients.getFirst().registerNewSystem();
        String user = "storm-" + UUID.randomUUID();
        Instant start = Instant.parse(clients.getFirst().createOrRenew(system, "order-start", user, 1).expiresAt());

        List<Response> answers = race(SAME_ORDER_CALLS, i -> clients.get(i % clients.size())
                .createOrRenew(system, "order-once", user, 30));

        assertThat(answers).allSatisfy(answer -> assertThat(answer.status()).as(answer.body()).isEqualTo(200));
        Set<String> bodies = answers.stream().map(Response::body).collect(Collectors.toSet());
        assertThat(bodies).hasSize(1);
        assertThat(Instant.parse(answers.getFirst().expiresAt())).isEqualTo(start.plus(Duration.ofDays(30)));
        assertThat(storedExpiry(system, user)).isEqualTo(start.plus(Duration.ofDays(30)));
        assertThat(rows("member_grants", system)).isEqualTo(2);
        assertThat(rows("member_nonces", system)).isEqualTo(SAME_ORDER_CALLS + 1);
    }

    /**
     * Ordered by the expiry each returned, every renewal must have added exactly its own days to
     * the one before it: the renewals were applied one after another, none on a stale value.
     * {@code answers.get(i)} answered the order of {@code i + 1} days.
     */
    private static void assertAppliedOneAfterAnother(List<Response> answers, Instant start) {
        List<Integer> byExpiry = new ArrayList<>();
        for (int i = 0; i < answers.size(); i++) {
            byExpiry.add(i);
        }
        byExpiry.sort(Comparator.comparing(i -> Instant.parse(answers.get(i).expiresAt())));
        Instant previous = start;
        for (int i : byExpiry) {
            Instant expiry = Instant.parse(answers.get(i).expiresAt());
            assertThat(expiry).as("order of %d days", i + 1).isEqualTo(previous.plus(Duration.ofDays(i + 1)));
            previous = expiry;
        }
    }

    /** Runs {@code count} calls at once on a bounded pool; answer i is call i's. */
    static List<Response> race(int count, IntFunction<Response> call) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Response>> futures = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(THREADS)) {
            for (int i = 0; i < count; i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    go.await();
                    return call.apply(index);
                }));
            }
            go.countDown();
            List<Response> answers = new ArrayList<>();
            for (Future<Response> future : futures) {
                answers.add(future.get(120, TimeUnit.SECONDS));
            }
            return answers;
        }
    }

    /** Lock acquisitions asked for (acquired or timed out), on every instance; the local stripe is always asked first. */
    long lockRequests() {
        return registries().stream()
                .flatMap(registry -> registry.find("payonce.lock.wait").tag("backend", "local").timers().stream())
                .mapToLong(Timer::count).sum();
    }

    long rows(String table, CallingSystem system) {
        return jdbc.sql("SELECT count(*) FROM " + table + " WHERE system_id = ?").param(system.systemId()).query(Long.class).single();
    }

    Instant storedExpiry(CallingSystem system, String user) {
        return jdbc.sql("SELECT expires_at FROM members WHERE system_id = ? AND user_id = ?")
                .param(system.systemId()).param(user)
                .query((rs, row) -> rs.getObject(1, OffsetDateTime.class).toInstant()).single();
    }
}
