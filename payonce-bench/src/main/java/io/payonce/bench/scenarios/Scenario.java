package io.payonce.bench.scenarios;

import io.payonce.bench.load.Session;

/**
 * One way of loading payonce. {@link #prepare()} sets the service up through its admin API before
 * the clock starts; {@link #iterate} is one unit of load (may make several calls); {@link #finish()}
 * undoes switches so the service can settle before the audit.
 */
public interface Scenario {

    String name();

    void prepare() throws Exception;

    void iterate(Session session) throws Exception;

    default void finish() throws Exception {
    }

    /** What {@code --hoarders} got, once {@link #finish()} stopped them; empty for a scenario without hoarders. */
    default java.util.Optional<Hoarders.Report> hoarding() {
        return java.util.Optional.empty();
    }
}
