package io.payonce.bench.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The verdicts the harness reaches from its journal alone, without a database. */
class HarnessInvariantsTest {

    private final Journal journal = new Journal();
    private final AuditContext context = new AuditContext(null, journal);

    @Test
    void replays_that_all_matched_pass_and_say_how_many_were_compared() {
        journal.replayCompared("k1", true);
        journal.replayCompared("k2", true);

        assertThat(new HarnessInvariants.ReplaysIdentical().check(context))
                .isEqualTo(new Check("replays identical", true, 2, 0, List.of(), null));
    }

    @Test
    void one_replay_that_differs_fails_the_check_and_is_named() {
        journal.replayCompared("k1", true);
        journal.replayCompared("k2", false);

        assertThat(new HarnessInvariants.ReplaysIdentical().check(context))
                .isEqualTo(new Check("replays identical", false, 2, 1, List.of("k2"), null));
    }

    @Test
    void six_differing_replays_are_all_counted_and_five_of_them_named() {
        for (int i = 0; i < 6; i++) {
            journal.replayCompared("k" + i, false);
        }

        Check check = new HarnessInvariants.ReplaysIdentical().check(context);

        assertThat(check.violations()).isEqualTo(6);
        assertThat(check.examples()).hasSize(5);
    }

    @Test
    void a_forged_callback_the_service_accepted_fails_the_check_and_is_named() {
        journal.forgedCallback("pay_1", false);
        journal.forgedCallback("pay_2", true);

        assertThat(new HarnessInvariants.ForgedCallbacksRefused().check(context))
                .isEqualTo(new Check("forged callbacks refused", false, 2, 1, List.of("pay_2"), null));
    }

    @Test
    void forged_callbacks_all_refused_pass() {
        journal.forgedCallback("pay_1", false);

        assertThat(new HarnessInvariants.ForgedCallbacksRefused().check(context).passed()).isTrue();
    }

    @Test
    void both_harness_checks_run_and_neither_needs_a_table() {
        assertThat(HarnessInvariants.all()).extracting(Invariant::name)
                .containsExactly("replays identical", "forged callbacks refused");
        assertThat(HarnessInvariants.all()).allSatisfy(invariant -> assertThat(invariant.tables()).isEmpty());
    }
}
