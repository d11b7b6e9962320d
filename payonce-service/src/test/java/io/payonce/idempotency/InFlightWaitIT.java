package io.payonce.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.payonce.common.Refusal;
import io.payonce.support.IntegrationTest;
import io.payonce.support.SecondPayonce;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A duplicate that arrives while its key's first request is still running waits for the first's
 * stored answer and gets it as a replay (issue 16): within one instance by following the first
 * (no database involved), from another instance by LISTEN/NOTIFY; past the wait it is refused as
 * in use. The first request is held at a latch, so "still running" is a fact, not a timing guess.
 */
@IntegrationTest
class InFlightWaitIT {

    @Autowired
    IdempotentExecutor executor;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Environment environment;

    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    @Test
    void a_duplicate_in_the_same_instance_waits_for_the_first_answer_and_gets_it_replayed() throws Exception {
        HeldOperation first = new HeldOperation();
        IdempotentRequest request = request();
        Future<IdempotentExecutor.Executed> running = threads.submit(() -> executor.execute(first, request, "cmd", TEXT));
        first.started.await(10, TimeUnit.SECONDS);

        Future<IdempotentExecutor.Executed> duplicate = threads.submit(() -> executor.execute(first, request, "cmd", TEXT));
        awaitWaiting(duplicate);
        first.release.countDown();

        IdempotentExecutor.Executed original = running.get(10, TimeUnit.SECONDS);
        IdempotentExecutor.Executed replayed = duplicate.get(10, TimeUnit.SECONDS);
        assertThat(original.replayed()).isFalse();
        assertThat(replayed.replayed()).isTrue();
        assertThat(replayed.response().body()).isEqualTo(original.response().body());
        assertThat(first.runs.get()).as("the operation ran once").isEqualTo(1);
        assertThat(waitersMarked(request)).as("the follower never touched the key's row").isFalse();
    }

    @Test
    void a_duplicate_in_another_instance_waits_for_the_first_answer_by_notification() throws Exception {
        try (SecondPayonce second = SecondPayonce.start(environment)) {
            HeldOperation first = new HeldOperation();
            IdempotentRequest request = request();
            Future<IdempotentExecutor.Executed> running = threads.submit(() -> executor.execute(first, request, "cmd", TEXT));
            first.started.await(10, TimeUnit.SECONDS);

            IdempotentExecutor other = second.bean(IdempotentExecutor.class);
            Future<IdempotentExecutor.Executed> duplicate = threads.submit(() -> other.execute(first, request, "cmd", TEXT));
            while (!waitersMarked(request)) {
                assertThat(duplicate).as("the duplicate must wait, not answer, while the first runs").isNotDone();
                Thread.sleep(20);
            }
            first.release.countDown();

            IdempotentExecutor.Executed original = running.get(10, TimeUnit.SECONDS);
            IdempotentExecutor.Executed replayed = duplicate.get(10, TimeUnit.SECONDS);
            assertThat(replayed.replayed()).isTrue();
            assertThat(replayed.response().body()).isEqualTo(original.response().body());
            assertThat(first.runs.get()).isEqualTo(1);
        }
    }

    @Test
    void a_duplicate_is_refused_as_in_use_once_the_first_runs_past_the_wait() throws Exception {
        HeldOperation first = new HeldOperation();
        IdempotentRequest request = request();
        Future<IdempotentExecutor.Executed> running = threads.submit(() -> executor.execute(first, request, "cmd", TEXT));
        first.started.await(10, TimeUnit.SECONDS);

        assertThatThrownBy(() -> executor.execute(first, request, "cmd", TEXT))
                .isInstanceOfSatisfying(Refusal.class, refusal -> assertThat(refusal.reason()).isEqualTo(Refusal.Reason.IDEMPOTENCY_KEY_IN_USE));

        first.release.countDown();
        assertThat(running.get(10, TimeUnit.SECONDS).replayed()).isFalse();
        assertThat(executor.execute(first, request, "cmd", TEXT).replayed()).as("after the first finished, a plain replay").isTrue();
        assertThat(first.runs.get()).isEqualTo(1);
    }

    @Test
    void a_duplicate_with_another_body_is_refused_as_reused_not_made_to_wait() throws Exception {
        HeldOperation first = new HeldOperation();
        IdempotentRequest request = request();
        Future<IdempotentExecutor.Executed> running = threads.submit(() -> executor.execute(first, request, "cmd", TEXT));
        first.started.await(10, TimeUnit.SECONDS);
        IdempotentRequest otherBody = new IdempotentRequest(request.scope(), request.key(), new byte[] {9});

        assertThatThrownBy(() -> executor.execute(first, otherBody, "cmd", TEXT))
                .isInstanceOfSatisfying(Refusal.class, refusal -> assertThat(refusal.reason()).isEqualTo(Refusal.Reason.IDEMPOTENCY_KEY_REUSED));
        assertThat(running).as("refused while the first still runs").isNotDone();
        first.release.countDown();
        running.get(10, TimeUnit.SECONDS);
    }

    @Test
    void when_the_first_stores_no_answer_a_waiting_duplicate_runs_the_operation_itself() throws Exception {
        HeldOperation first = new HeldOperation();
        first.refuseFirstRun = true;
        IdempotentRequest request = request();
        Future<IdempotentExecutor.Executed> running = threads.submit(() -> executor.execute(first, request, "cmd", TEXT));
        first.started.await(10, TimeUnit.SECONDS);

        Future<IdempotentExecutor.Executed> duplicate = threads.submit(() -> executor.execute(first, request, "cmd", TEXT));
        awaitWaiting(duplicate);
        first.release.countDown();

        assertThatThrownBy(() -> running.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(Refusal.class);
        IdempotentExecutor.Executed retried = duplicate.get(10, TimeUnit.SECONDS);
        assertThat(retried.replayed()).isFalse();
        assertThat(new String(retried.response().body(), StandardCharsets.UTF_8)).isEqualTo("run 2");
    }

    /** The duplicate has not answered within a moment: it is waiting (the first is held, so it cannot have an answer). */
    private static void awaitWaiting(Future<?> duplicate) throws InterruptedException {
        Thread.sleep(200);
        assertThat(duplicate).as("the duplicate must wait, not answer, while the first runs").isNotDone();
    }

    private boolean waitersMarked(IdempotentRequest request) {
        return jdbc.sql("SELECT waiters FROM idempotency_keys WHERE scope = ? AND idem_key = ?")
                .params(request.scope(), request.key()).query(Boolean.class).optional().orElse(false);
    }

    private static IdempotentRequest request() {
        return new IdempotentRequest("test in-flight", UUID.randomUUID().toString(), new byte[] {1, 2, 3});
    }

    private static final Answers<String> TEXT = new Answers<>() {
        @Override
        public StoredResponse success(String result) {
            return new StoredResponse(200, "text/plain", result.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public StoredResponse refused(Refusal refusal) {
            return new StoredResponse(422, "text/plain", refusal.reason().name().getBytes(StandardCharsets.UTF_8));
        }
    };

    /** An operation whose first run waits at a latch; optionally that run ends in a refusal that is not final. */
    static final class HeldOperation implements IdempotentOperation<String, String> {
        final CountDownLatch started = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicInteger runs = new AtomicInteger();
        volatile boolean refuseFirstRun;

        @Override
        public String name() {
            return "test in-flight";
        }

        @Override
        public Set<Refusal.Reason> finalRefusals() {
            return Set.of();
        }

        @Override
        public String run(String command, Progress<String> progress) {
            int run = runs.incrementAndGet();
            if (run == 1) {
                started.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                if (refuseFirstRun) {
                    throw new Refusal(Refusal.Reason.BUSY, "not final");
                }
            }
            return "run " + run;
        }
    }
}
