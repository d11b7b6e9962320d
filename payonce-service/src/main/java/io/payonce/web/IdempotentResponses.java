package io.payonce.web;

import java.util.function.Function;
import java.util.function.ToIntFunction;

import io.payonce.common.Refusal;
import io.payonce.idempotency.Answers;
import io.payonce.idempotency.IdempotentExecutor;
import io.payonce.idempotency.StoredResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The HTTP side of idempotent operations: how their outcomes are written down (status, media
 * type, body) to be stored and replayed byte for byte, and how a stored answer is sent.
 */
@Component
public class IdempotentResponses {

    public static final String REPLAYED_HEADER = "Idempotent-Replayed";

    private final JsonMapper json;

    IdempotentResponses(JsonMapper json) {
        this.json = json;
    }

    /** Success as {@code status} with the JSON of {@code view(result)}; refusals as problem+json. */
    public <R> Answers<R> answers(int status, Function<R, Object> view) {
        return answers(result -> status, view);
    }

    /** Success as {@code status(result)} with the JSON of {@code view(result)}; refusals as problem+json. */
    public <R> Answers<R> answers(ToIntFunction<R> status, Function<R, Object> view) {
        return new Answers<>() {
            @Override
            public StoredResponse success(R result) {
                return new StoredResponse(status.applyAsInt(result), MediaType.APPLICATION_JSON_VALUE,
                        json.writeValueAsBytes(view.apply(result)));
            }

            @Override
            public StoredResponse refused(Refusal refusal) {
                ApiException edge = ApiException.of(refusal);
                return new StoredResponse(edge.errorCode().status().value(), MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                        json.writeValueAsBytes(Problems.of(edge)));
            }
        };
    }

    /** Sends a stored answer; a replay says so in {@value #REPLAYED_HEADER}. */
    public ResponseEntity<byte[]> send(IdempotentExecutor.Executed executed) {
        StoredResponse response = executed.response();
        ResponseEntity.BodyBuilder builder = ResponseEntity.status(response.status())
                .header(HttpHeaders.CONTENT_TYPE, response.contentType());
        if (executed.replayed()) {
            builder.header(REPLAYED_HEADER, "true");
        }
        return builder.body(response.body());
    }
}
