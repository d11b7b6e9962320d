package io.payonce.bench.load;

/** How load is offered: at a fixed arrival rate (open) or by a fixed number of looping users (closed). */
public sealed interface LoadModel {

    /**
     * Iterations start on a fixed schedule whether or not earlier ones finished, and latency is
     * measured from the scheduled (intended) start: a slow service shows up as latency instead of
     * silently lowering the offered load (no coordinated omission).
     */
    record Open(double ratePerSecond) implements LoadModel {
        public Open {
            if (!(ratePerSecond > 0) || ratePerSecond > 1_000_000) {
                throw new IllegalArgumentException("--rate must be between 0 (exclusive) and 1000000, got " + ratePerSecond);
            }
        }
    }

    /**
     * Each of {@code users} runs one iteration after another. Latency is measured from the
     * actual start, so this model answers "what does a user see", not "what rate can be held".
     */
    record Closed(int users) implements LoadModel {
        public Closed {
            if (users < 1 || users > 10_000) {
                throw new IllegalArgumentException("--users must be between 1 and 10000, got " + users);
            }
        }
    }
}
