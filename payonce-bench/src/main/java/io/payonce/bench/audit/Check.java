package io.payonce.bench.audit;

import java.util.List;

/** The verdict on one invariant: how many things were checked, how many broke it, and a few examples. */
public record Check(String name, boolean passed, long checked, long violations, List<String> examples, String note) {

    static final int EXAMPLES_MAX = 5;

    public static Check of(String name, long checked, List<String> violating) {
        return new Check(name, violating.isEmpty(), checked, violating.size(),
                violating.subList(0, Math.min(EXAMPLES_MAX, violating.size())), null);
    }

    public static Check skipped(String name, String why) {
        return new Check(name, true, 0, 0, List.of(), "skipped: " + why);
    }
}
