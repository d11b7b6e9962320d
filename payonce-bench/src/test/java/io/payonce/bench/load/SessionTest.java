package io.payonce.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SessionTest {

    @Test
    void the_first_call_is_timed_from_the_intended_start_and_later_calls_from_their_own_send() {
        Session session = new Session(7, 1_000, true);

        assertThat(session.latencyOrigin(5_000)).as("first call, sent late").isEqualTo(1_000);
        assertThat(session.latencyOrigin(9_000)).as("second call depends on the first").isEqualTo(9_000);
    }
}
