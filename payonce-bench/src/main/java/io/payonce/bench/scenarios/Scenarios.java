package io.payonce.bench.scenarios;

import java.util.List;
import java.util.function.Function;

/** The scenarios by name, as --scenario takes them. */
public final class Scenarios {

    private record Entry(String name, Function<ScenarioContext, Scenario> factory) {
    }

    private static final List<Entry> ALL = List.of(
            new Entry("member-renew", MemberRenew::new),
            new Entry("duplicate-storm", DuplicateStorm::new),
            new Entry("flash-sale", FlashSale::new),
            new Entry("callback-storm", CallbackStorm::new),
            new Entry("mixed", Mixed::new),
            new Entry("faults", Faults::new),
            // Mixed's writes while the bench breaks its own cluster (--instances, io.payonce.bench.target.Chaos).
            new Entry("chaos", ChaosLoad::new),
            new Entry("http-get", HttpGet::new));

    private Scenarios() {
    }

    public static List<String> names() {
        return ALL.stream().map(Entry::name).toList();
    }

    public static Scenario create(String name, ScenarioContext context) {
        return ALL.stream().filter(entry -> entry.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("--scenario must be one of " + names() + ", got " + name))
                .factory().apply(context);
    }
}
