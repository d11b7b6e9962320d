package io.payonce.bench.load;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What came back from one call, already classified. {@code status} is 0 when no HTTP answer
 * arrived (timeout, refused connection); {@code cause} is "201", "409 sold_out", "200 code=40101",
 * "timeout", "connect_error".
 */
public record Reply(int status, String body, boolean replayed, Outcome outcome, String cause) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** How one answer counts in the results. */
    public enum Outcome { OK, EXPECTED, ERROR }

    public boolean ok() {
        return outcome == Outcome.OK;
    }

    public boolean is(int expectedStatus) {
        return status == expectedStatus;
    }

    /** The body as JSON; a missing node for bodies that are not JSON objects. */
    public JsonNode json() {
        try {
            return body == null || body.isEmpty() ? JSON.missingNode() : JSON.readTree(body);
        } catch (RuntimeException e) {
            return JSON.missingNode();
        }
    }
}
