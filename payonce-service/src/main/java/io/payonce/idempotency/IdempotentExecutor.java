package io.payonce.idempotency;

import java.util.Optional;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.payonce.common.Refusal;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs an {@link IdempotentOperation} under a key: the first request runs and its final answer is
 * stored; a repeat gets it back byte for byte; a key reused for another request is refused as
 * reused. A repeat that arrives while the first still runs waits a bounded time for the first's
 * answer (a single flight within this instance, LISTEN/NOTIFY across instances) and is refused as
 * in use only past that bound. A refusal the operation did not declare final, or a crash, leaves
 * nothing final behind: a retry runs the operation again, resuming from its last recovery point.
 */
@Component
public class IdempotentExecutor {

    private final IdempotencyStore store;
    private final StoredAnswerCache answerCache;
    private final TransactionTemplate transactions;
    private final LocalFlights flights;
    private final KeyNotifications notifications;
    private final long waitNanos;
    private final Counter replays;
    private final Counter inUse;
    private final Counter reused;
    private final Counter waited;

    IdempotentExecutor(IdempotencyStore store, TransactionTemplate transactions, LocalFlights flights, KeyNotifications notifications,
                       InFlightProperties inFlight, MeterRegistry meters, StoredAnswerCache answerCache) {
        this.store = store;
        this.answerCache = answerCache;
        this.transactions = transactions;
        this.flights = flights;
        this.notifications = notifications;
        this.waitNanos = inFlight.waitMax().toNanos();
        this.replays = meters.counter("payonce.idempotency.replays");
        this.inUse = meters.counter("payonce.idempotency.conflicts", "reason", "in_use");
        this.reused = meters.counter("payonce.idempotency.conflicts", "reason", "reused");
        this.waited = meters.counter("payonce.idempotency.waits");
    }

    /** The answer to send, and whether it is a replay of an earlier request's. */
    public record Executed(StoredResponse response, boolean replayed) {
    }

    public <C, R> Executed execute(IdempotentOperation<C, R> operation, IdempotentRequest request, C command, Answers<R> answers) {
        // Issue 10: a final answer already replayed once may be in Redis; a miss asks PostgreSQL as always.
        Optional<StoredResponse> cached = answerCache.find(request);
        if (cached.isPresent()) {
            return replayed(cached.get());
        }
        long deadlineNanos = System.nanoTime() + waitNanos;
        while (true) {
            LocalFlights.Flight leader = flights.leaderOf(request);
            if (leader != null) {
                waited.increment();
                switch (follow(leader, deadlineNanos)) {
                    case LocalFlights.Landing.Answered answered -> {
                        return replayed(answered.response());
                    }
                    case LocalFlights.Landing.TimedOut timedOut -> throw inUse();
                    case LocalFlights.Landing.NoAnswer noAnswer -> {
                        // The leader stored nothing (a refusal that is not final, a crash): claim afresh.
                        continue;
                    }
                }
            }
            LocalFlights.Flight mine = flights.lead(request);
            if (mine == null && flights.leaderOf(request) != null) {
                continue;
            }
            // mine is null when a request with another fingerprint leads here: the database refuses one of the two.
            StoredResponse landed = null;
            try {
                Executed executed = claimAndRun(operation, request, command, answers, deadlineNanos);
                landed = executed.response();
                return executed;
            } finally {
                if (mine != null) {
                    flights.land(request, mine, landed);
                }
            }
        }
    }

    private <C, R> Executed claimAndRun(IdempotentOperation<C, R> operation, IdempotentRequest request, C command, Answers<R> answers,
                                        long deadlineNanos) {
        while (true) {
            switch (transactions.execute(tx -> store.claim(request))) {
                case Claim.Acquired acquired -> {
                    return new Executed(run(operation, command, new Progress<>(store, acquired, answers)), false);
                }
                case Claim.Replay replay -> {
                    answerCache.remember(request, replay.response());
                    return replayed(replay.response());
                }
                case Claim.InFlight inFlight -> {
                    if (!awaitElsewhere(request, deadlineNanos)) {
                        throw inUse();
                    }
                }
                case Claim.Mismatch mismatch -> {
                    reused.increment();
                    throw new Refusal(Refusal.Reason.IDEMPOTENCY_KEY_REUSED, "This Idempotency-Key was used with a different request");
                }
            }
        }
    }

    /**
     * The key's first request runs in another instance (or in a job here): waits for its
     * notification. Returns false when the wait is over with nothing to look at again.
     */
    private boolean awaitElsewhere(IdempotentRequest request, long deadlineNanos) {
        if (deadlineNanos - System.nanoTime() <= 0) {
            return false;
        }
        waited.increment();
        try {
            java.util.concurrent.CompletableFuture<Void> notified = notifications.expect(request);
            if (!Boolean.TRUE.equals(transactions.execute(tx -> store.markWaited(request)))) {
                return true;
            }
            return KeyNotifications.await(notified, deadlineNanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static LocalFlights.Landing follow(LocalFlights.Flight leader, long deadlineNanos) {
        try {
            return LocalFlights.follow(leader, deadlineNanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new LocalFlights.Landing.TimedOut();
        }
    }

    private Executed replayed(StoredResponse response) {
        replays.increment();
        return new Executed(response, true);
    }

    private Refusal inUse() {
        inUse.increment();
        return new Refusal(Refusal.Reason.IDEMPOTENCY_KEY_IN_USE,
                "The first request with this key is still being processed; retry shortly");
    }

    /**
     * Finishes a key its client abandoned, as that client's retry would: takes it over (the same
     * claim, bumping its attempt), then either releases it when no side effect was committed (no
     * recovery point: a later retry runs afresh), or runs the operation from its recovery point
     * with the command rebuilt from it, storing the answer exactly as {@link #execute} does. When
     * the operation cannot be resumed without its caller, the key is unlocked for that caller.
     * Returns whether the key was taken over (false: someone else holds or finished it).
     */
    <C, R> boolean completeAbandoned(IdempotentRequest request, Resumable<C, R> resumable) {
        if (!(transactions.execute(tx -> store.claim(request)) instanceof Claim.Acquired acquired)) {
            return false;
        }
        if (acquired.recoveryPoint() == null) {
            transactions.executeWithoutResult(tx -> store.release(acquired));
            return true;
        }
        java.util.Optional<C> command = resumable == null ? java.util.Optional.empty()
                : resumable.operation().resumeCommand(acquired.recoveryPoint(), acquired.recoveryRef());
        if (command.isEmpty()) {
            transactions.executeWithoutResult(tx -> store.unlock(acquired));
            return true;
        }
        try {
            run(resumable.operation(), command.get(), new Progress<>(store, acquired, resumable.answers()));
        } catch (Refusal notFinal) {
            // Not final (the gateway did not answer): the key is unlocked by run(), and the completer tries again later.
            throw new IllegalStateException("Could not finish " + resumable.operation().name() + " yet: " + notFinal.getMessage(), notFinal);
        }
        return true;
    }

    private <C, R> StoredResponse run(IdempotentOperation<C, R> operation, C command, Progress<R> progress) {
        R result;
        try {
            result = operation.run(command, progress);
        } catch (Refusal refusal) {
            return refused(operation, progress, refusal);
        } catch (RuntimeException e) {
            // Unexpected: nothing final is stored; a retry takes over and resumes from the recovery point.
            transactions.executeWithoutResult(tx -> store.unlock(progress.claim()));
            throw e;
        }
        if (progress.completed() == null) {
            // The operation's last phase made no side effect to store the answer with.
            transactions.executeWithoutResult(tx -> progress.complete(result));
        }
        return progress.completed();
    }

    private <C, R> StoredResponse refused(IdempotentOperation<C, R> operation, Progress<R> progress, Refusal refusal) {
        if (progress.completed() != null) {
            throw new IllegalStateException(operation.name() + " refused after storing its answer", refusal);
        }
        if (!operation.finalRefusals().contains(refusal.reason())) {
            transactions.executeWithoutResult(tx -> {
                if (progress.recoveryPoint() == null) {
                    store.release(progress.claim());
                } else {
                    store.unlock(progress.claim());
                }
            });
            throw refusal;
        }
        StoredResponse answer = progress.answers().refused(refusal);
        transactions.executeWithoutResult(tx -> store.complete(progress.claim(), answer));
        return answer;
    }
}
