package io.payonce.bench.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Invariants the harness checks from the answers alone, with or without access to the database. */
final class HarnessInvariants {

    private HarnessInvariants() {
    }

    static List<Invariant> all() {
        return List.of(new ReplaysIdentical(), new ForgedCallbacksRefused());
    }

    /** Every final answer to one Idempotency-Key is the first answer, byte for byte. */
    static final class ReplaysIdentical implements Invariant {
        public String name() {
            return "replays identical";
        }

        public Set<String> tables() {
            return Set.of();
        }

        public Check check(AuditContext context) {
            Journal journal = context.journal();
            List<String> examples = new ArrayList<>(journal.replayMismatchSamples());
            return new Check(name(), journal.replayMismatches() == 0, journal.replaysChecked(), journal.replayMismatches(),
                    examples, null);
        }
    }

    /** A notification that is not signed by the gateway is answered "fail", never "success". */
    static final class ForgedCallbacksRefused implements Invariant {
        public String name() {
            return "forged callbacks refused";
        }

        public Set<String> tables() {
            return Set.of();
        }

        public Check check(AuditContext context) {
            Journal journal = context.journal();
            return Check.of(name(), journal.forgedCallbacksSent(), List.copyOf(journal.forgedCallbacksAccepted()));
        }
    }
}
