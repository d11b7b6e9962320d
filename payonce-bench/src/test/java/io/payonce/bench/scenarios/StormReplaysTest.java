package io.payonce.bench.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.payonce.bench.audit.Journal;
import io.payonce.bench.load.Reply;
import org.junit.jupiter.api.Test;

/** Which answers to copies of one idempotent call must be identical: only the stored outcomes. */
class StormReplaysTest {

    private static final Reply CREATED = new Reply(201, "{\"orderId\":\"o_1\"}", false, Reply.Outcome.OK, "201");
    private static final Reply REPLAYED = new Reply(201, "{\"orderId\":\"o_1\"}", true, Reply.Outcome.OK, "201");

    private static Journal compare(Reply... replies) {
        Journal journal = new Journal();
        Storm.checkReplays(journal, "k", List.of(replies));
        return journal;
    }

    @Test
    void identical_stored_answers_pass() {
        Journal journal = compare(CREATED, REPLAYED);

        assertThat(journal.replaysChecked()).isEqualTo(1);
        assertThat(journal.replayMismatches()).isZero();
    }

    @Test
    void two_different_stored_answers_are_a_mismatch() {
        Journal journal = compare(CREATED, new Reply(201, "{\"orderId\":\"o_2\"}", true, Reply.Outcome.OK, "201"));

        assertThat(journal.replayMismatches()).isEqualTo(1);
    }

    @Test
    void a_body_that_never_arrived_whole_is_not_an_answer_to_compare() {
        Reply bodyTimedOut = new Reply(408, "{\"code\":\"request_timeout\"}", false, Reply.Outcome.ERROR, "408 request_timeout");

        Journal journal = compare(CREATED, bodyTimedOut, REPLAYED);

        assertThat(journal.replaysChecked()).isEqualTo(1);
        assertThat(journal.replayMismatches()).isZero();
    }

    @Test
    void rate_limited_and_key_in_use_answers_are_not_compared_either() {
        Reply limited = new Reply(429, "{}", false, Reply.Outcome.ERROR, "429 rate_limited");
        Reply inUse = new Reply(409, "{\"code\":\"idempotency_key_in_use\"}", false, Reply.Outcome.EXPECTED, "409 idempotency_key_in_use");

        assertThat(compare(CREATED, limited, inUse).replaysChecked()).isZero();
    }
}
