package io.payonce.idempotency;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.payonce.common.Refusal;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs an {@link IdempotentOperation} under a key: the first request runs and its final answer is
 * stored; a repeat gets it back byte for byte; a concurrent repeat is refused as in use; a key
 * reused for another request is refused as reused. A refusal the operation did not declare final,
 * or a crash, leaves nothing final behind: a retry runs the operation again, resuming from its
 * last recovery point.
 */
@Component
public class IdempotentExecutor {

    private final IdempotencyStore store;
    private final StoredAnswerCache answerCache;
    private final TransactionTemplate transactions;
    private final Counter replays;
    private final Counter inUse;
    private final Counter reused;

    IdempotentExecutor(IdempotencyStore store, TransactionTemplate transactions, MeterRegistry meters, StoredAnswerCache answerCache) {
        this.store = store;
        this.answerCache = answerCache;
        this.transactions = transactions;
        this.replays = meters.counter("payonce.idempotency.replays");
        this.inUse = meters.counter("payonce.idempotency.conflicts", "reason", "in_use");
        this.reused = meters.counter("payonce.idempotency.conflicts", "reason", "reused");
    }

    /** The answer to send, and whether it is a replay of an earlier request's. */
    public record Executed(StoredResponse response, boolean replayed) {
    }

    public <C, R> Executed execute(IdempotentOperation<C, R> operation, IdempotentRequest request, C command, Answers<R> answers) {
        // Issue 10: a final answer already replayed once may be in Redis; a miss asks PostgreSQL as always.
        java.util.Optional<StoredResponse> cached = answerCache.find(request);
        if (cached.isPresent()) {
            replays.increment();
            return new Executed(cached.get(), true);
        }
        return switch (transactions.execute(tx -> store.claim(request))) {
            case Claim.Acquired acquired -> new Executed(run(operation, command, new Progress<>(store, acquired, answers)), false);
            case Claim.Replay replay -> {
                replays.increment();
                answerCache.remember(request, replay.response());
                yield new Executed(replay.response(), true);
            }
            case Claim.InFlight inFlight -> {
                inUse.increment();
                throw new Refusal(Refusal.Reason.IDEMPOTENCY_KEY_IN_USE,
                        "The first request with this key is still being processed; retry shortly");
            }
            case Claim.Mismatch mismatch -> {
                reused.increment();
                throw new Refusal(Refusal.Reason.IDEMPOTENCY_KEY_REUSED, "This Idempotency-Key was used with a different request");
            }
        };
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
