package io.payonce.idempotency;

import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.springframework.stereotype.Component;

/**
 * Single flight within this instance: of the requests with one key and one fingerprint running
 * here at once, the first leads (claims the key and runs), the others follow (wait for the
 * leader's answer without touching the database). A follower of a request with another
 * fingerprint does not follow: it goes to the database, which refuses the reused key.
 */
@Component
class LocalFlights {

    /** A leader's flight: its answer when it lands, or null when it stored none (the followers then claim themselves). */
    record Flight(byte[] fingerprint, CompletableFuture<StoredResponse> answer) {
    }

    /** What a follower got: the leader's answer, no answer (claim yourself), or nothing within the wait. */
    sealed interface Landing {
        record Answered(StoredResponse response) implements Landing {
        }

        record NoAnswer() implements Landing {
        }

        record TimedOut() implements Landing {
        }
    }

    private final ConcurrentHashMap<String, Flight> flights = new ConcurrentHashMap<>();

    /** Takes off as the leader (returns the new flight), or returns null when another request of this key leads here. */
    Flight lead(IdempotentRequest request) {
        Flight mine = new Flight(request.fingerprint(), new CompletableFuture<>());
        return flights.putIfAbsent(id(request), mine) == null ? mine : null;
    }

    /** The flight a request of the same fingerprint can follow, or null. */
    Flight leaderOf(IdempotentRequest request) {
        Flight flight = flights.get(id(request));
        return flight != null && Arrays.equals(flight.fingerprint(), request.fingerprint()) ? flight : null;
    }

    /** The leader lands: its followers get its stored answer (null: it stored none). */
    void land(IdempotentRequest request, Flight flight, StoredResponse answer) {
        flights.remove(id(request), flight);
        flight.answer().complete(answer);
    }

    /** Waits for a leader until {@code deadlineNanos} (System.nanoTime). */
    static Landing follow(Flight flight, long deadlineNanos) throws InterruptedException {
        try {
            StoredResponse answer = flight.answer().get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
            return answer == null ? new Landing.NoAnswer() : new Landing.Answered(answer);
        } catch (TimeoutException e) {
            return new Landing.TimedOut();
        } catch (ExecutionException e) {
            // land() only ever completes normally; kept total so a follower never hangs on a broken leader.
            return new Landing.NoAnswer();
        }
    }

    static String id(IdempotentRequest request) {
        return request.scope() + "\n" + request.key();
    }
}
