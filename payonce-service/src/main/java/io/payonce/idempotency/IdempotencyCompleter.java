package io.payonce.idempotency;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import io.payonce.jobs.RowRetries;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Drives to an end the idempotency keys whose request died IN_FLIGHT and whose client never
 * retried (brandur's rocket-rides-atomic completer). It does what that client's retry would do,
 * through {@link IdempotentExecutor}'s own takeover and recovery points, never a second path: a
 * key with no recovery point committed nothing and is released; a key with one is resumed from
 * it and its answer stored, so a late retry gets that answer replayed. A key it cannot finish now
 * (the gateway did not answer) is retried with backoff ({@link RowRetries}).
 */
@Component
public class IdempotencyCompleter {

    static final String JOB = "idempotency-completer";

    private final IdempotencyStore store;
    private final IdempotentExecutor executor;
    private final List<Resumable<?, ?>> resumables;
    private final RowRetries retries;
    private final CompleterProperties settings;
    private final Clock clock;

    IdempotencyCompleter(IdempotencyStore store, IdempotentExecutor executor, List<Resumable<?, ?>> resumables,
                         RowRetries retries, CompleterProperties settings, Clock clock) {
        this.store = store;
        this.executor = executor;
        this.resumables = List.copyOf(resumables);
        this.retries = retries;
        this.settings = settings;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${payonce.idempotency.completer.interval}", initialDelayString = "${payonce.idempotency.completer.interval}")
    @SchedulerLock(name = JOB, lockAtMostFor = "PT5M")
    public void sweep() {
        for (IdempotencyStore.Abandoned key : store.abandoned(settings.after().toMillis(), settings.batchMax(), JOB, clock.instant())) {
            retries.attempt(JOB, key.rowId(), () -> executor.completeAbandoned(key.request(), resumableFor(key.request().scope()).orElse(null)));
        }
    }

    /** The operation a key belongs to: its scope is the operation's name, a space, and the caller. */
    private Optional<Resumable<?, ?>> resumableFor(String scope) {
        return resumables.stream().filter(r -> scope.startsWith(r.operation().name() + " ")).findFirst();
    }
}
