package io.payonce.idempotency;

import java.util.EnumSet;
import java.util.Set;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.payonce.web.ApiException;
import io.payonce.web.ErrorCode;
import io.payonce.web.Problems;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs a use case under an Idempotency-Key, implementing the table in API.md: the first request
 * runs and its final answer is stored; a repeat replays it byte for byte; a concurrent repeat gets
 * 409; a reused key with another body gets 422; a request that failed validation, or crashed,
 * leaves nothing final behind, so a retry is processed (and resumes from its checkpoint).
 */
@Component
public class IdempotentExecutor {

    public static final String REPLAYED_HEADER = "Idempotent-Replayed";

    /** Business outcomes that are final answers: a retry must get the same refusal. */
    private static final Set<ErrorCode> STORED_REFUSALS = EnumSet.of(
            ErrorCode.SOLD_OUT, ErrorCode.ORDER_ALREADY_PAID, ErrorCode.ORDER_NOT_PAYABLE,
            ErrorCode.ORDER_NOT_CANCELLABLE, ErrorCode.ORDER_NOT_REFUNDABLE, ErrorCode.REFUND_EXCEEDS_PAID,
            ErrorCode.PAYMENT_DECLINED, ErrorCode.REFUND_DECLINED, ErrorCode.PAYMENT_IN_PROGRESS);

    private final IdempotencyStore store;
    private final JsonMapper json;
    private final Counter replays;
    private final Counter inUse;
    private final Counter reused;

    IdempotentExecutor(IdempotencyStore store, JsonMapper json, MeterRegistry meters) {
        this.store = store;
        this.json = json;
        this.replays = meters.counter("payonce.idempotency.replays");
        this.inUse = meters.counter("payonce.idempotency.conflicts", "reason", "in_use");
        this.reused = meters.counter("payonce.idempotency.conflicts", "reason", "reused");
    }

    /** A use case run under a key; it returns its answer and may complete it inside its own transaction. */
    @FunctionalInterface
    public interface Work {
        StoredResponse perform(IdempotencyContext context);
    }

    public ResponseEntity<byte[]> execute(IdempotentRequest request, Work work) {
        return switch (store.claim(request)) {
            case Claim.Acquired acquired -> run(new IdempotencyContext(store, acquired), work);
            case Claim.Replay replay -> replay(replay.response());
            case Claim.InFlight inFlight -> {
                inUse.increment();
                throw new ApiException(ErrorCode.IDEMPOTENCY_KEY_IN_USE, "The first request with this key is still being processed; retry shortly");
            }
            case Claim.Mismatch mismatch -> {
                reused.increment();
                throw new ApiException(ErrorCode.IDEMPOTENCY_KEY_REUSED, "This Idempotency-Key was used with a different request");
            }
        };
    }

    private ResponseEntity<byte[]> run(IdempotencyContext context, Work work) {
        StoredResponse response;
        try {
            response = work.perform(context);
        } catch (ApiException e) {
            return refused(context, e);
        } catch (RuntimeException e) {
            // Unexpected: nothing final is stored; the retry takes over and resumes.
            store.unlock(context.claim());
            throw e;
        }
        if (!context.completed()) {
            store.complete(context.claim(), response);
        }
        return toEntity(response);
    }

    private ResponseEntity<byte[]> refused(IdempotencyContext context, ApiException e) {
        if (!STORED_REFUSALS.contains(e.errorCode())) {
            if (context.recoveryPoint() == null) {
                store.release(context.claim());
            } else {
                store.unlock(context.claim());
            }
            throw e;
        }
        StoredResponse response = problem(e);
        store.complete(context.claim(), response);
        return toEntity(response);
    }

    private ResponseEntity<byte[]> replay(StoredResponse response) {
        replays.increment();
        return ResponseEntity.status(response.status())
                .header(HttpHeaders.CONTENT_TYPE, response.contentType())
                .header(REPLAYED_HEADER, "true")
                .body(response.body());
    }

    private static ResponseEntity<byte[]> toEntity(StoredResponse response) {
        return ResponseEntity.status(response.status())
                .header(HttpHeaders.CONTENT_TYPE, response.contentType())
                .body(response.body());
    }

    /** Serialises a refusal the way it will be stored and replayed. */
    public StoredResponse problem(ApiException e) {
        ProblemDetail problem = Problems.of(e.errorCode(), e.getMessage());
        e.extensions().forEach(problem::setProperty);
        return new StoredResponse(problem.getStatus(), MediaType.APPLICATION_PROBLEM_JSON_VALUE, json.writeValueAsBytes(problem));
    }

    /** Serialises a successful answer the way it will be stored and replayed. */
    public StoredResponse json(int status, Object body) {
        return new StoredResponse(status, MediaType.APPLICATION_JSON_VALUE, json.writeValueAsBytes(body));
    }
}
