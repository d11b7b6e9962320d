package io.payonce.idempotency;

import java.util.Set;

import io.payonce.common.Refusal;

/**
 * One idempotent use case, written as atomic phases (brandur's rocket-rides-atomic). Each phase is
 * one database transaction or one call to a gateway, never both. A transaction whose side effect
 * a retry must not repeat records a recovery point with it ({@link Progress#checkpoint}); a retry
 * after a crash starts {@link #run} again and resumes from the last recovery point. The final
 * answer is stored in the transaction of the last side effect ({@link Progress#complete}).
 *
 * <p>An implementation's whole contract is in its own file: its {@link #name()}, the phases and
 * recovery points written in {@link #run} in order, and {@link #finalRefusals()}. Copy
 * {@code io.payonce.shop.PayOrder} to start a new one; {@code docs/architecture.md} explains the rules.
 *
 * @param <C> the validated command
 * @param <R> the success result, rendered and stored by the {@link IdempotentExecutor}
 */
public interface IdempotentOperation<C, R> {

    /** The operation's name, part of every key's scope: {@code "POST /v1/orders"}. */
    String name();

    /**
     * The refusals that are this operation's final answer: stored with the key and replayed to
     * every retry, forever. Any other refusal says nothing final about the request: the key is
     * released when no side effect was committed yet, or unlocked for a retry to resume when one
     * was. There is no default, so a new operation cannot get this wrong by omission.
     */
    Set<Refusal.Reason> finalRefusals();

    /** Runs the phases, or resumes them from {@code progress.recoveryPoint()}. */
    R run(C command, Progress<R> progress);

    /**
     * The command a key abandoned at {@code recoveryPoint} (its client never retried) is finished
     * with by {@link IdempotencyCompleter}, rebuilt from the row the recovery point names; empty
     * (the default) when the operation cannot be finished without its caller, and the key is then
     * left for the caller's retry. {@link #run} must resume from that point without reading
     * anything else from the command that the caller could have sent differently.
     */
    default java.util.Optional<C> resumeCommand(String recoveryPoint, String recoveryRef) {
        return java.util.Optional.empty();
    }
}
