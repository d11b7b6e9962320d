package io.payonce.bench.target;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Faults dealt to the bench's own cluster while the load runs ({@code --scenario chaos}): one
 * after the other, each held for a while and then repaired, with a pause between them so the
 * cluster serves normally for a moment. Whatever happens, the audit afterwards must find every
 * acknowledged order and no money lost or doubled.
 */
public final class Chaos implements AutoCloseable {

    /** What can be broken, by its name on the command line. */
    public enum Fault {
        /** {@code kill -9} of the last instance, started again after the pause (a cold JVM: the slowest repair). */
        KILL("kill"),
        /** The Redis stopped, started again (empty) after the pause. */
        REDIS("redis"),
        /** The PostgreSQL shut down (fast), started again after the pause. */
        POSTGRES("postgres"),
        /** The RabbitMQ node stopped, started again (with its data) after the pause. */
        BROKER("broker");

        private final String option;

        Fault(String option) {
            this.option = option;
        }

        public String option() {
            return option;
        }

        public static Fault parse(String option) {
            for (Fault fault : values()) {
                if (fault.option.equals(option.trim().toLowerCase(Locale.ROOT))) {
                    return fault;
                }
            }
            throw new IllegalArgumentException("--chaos-faults knows kill, redis, postgres and broker, not " + option);
        }
    }

    /**
     * The faults in order; the first {@code firstAfter} into the load; each broken for {@code down},
     * the next {@code between} after the previous one was repaired.
     */
    public record Plan(List<Fault> faults, Duration firstAfter, Duration down, Duration between) {
        public static final Plan NONE = new Plan(List.of(), Duration.ZERO, Duration.ZERO, Duration.ZERO);

        public Plan {
            faults = List.copyOf(faults);
        }

        public boolean enabled() {
            return !faults.isEmpty();
        }
    }

    /** One fault as it happened: when it was dealt and when the cluster was whole again, in ms since the load started. */
    public record Event(String fault, String detail, long brokenAtMs, long repairedAtMs) {
    }

    private final List<Event> events = Collections.synchronizedList(new ArrayList<>());
    private final Thread thread;
    private final long startNanos = System.nanoTime();
    private volatile Exception failure;

    private Chaos(Plan plan, Cluster cluster, Consumer<String> say) {
        this.thread = Thread.ofVirtual().name("bench-chaos").start(() -> run(plan, cluster, say));
    }

    /** Starts the plan against the cluster the target runs on; nothing happens when the plan is off. */
    public static Chaos start(Plan plan, Target target, Consumer<String> say) {
        Cluster cluster = target.owner() instanceof Cluster owned ? owned : null;
        if (plan.enabled()) {
            requireWhatThePlanBreaks(plan, cluster);
        }
        return new Chaos(plan, cluster, say);
    }

    private static void requireWhatThePlanBreaks(Plan plan, Cluster cluster) {
        if (cluster == null) {
            throw new IllegalStateException("chaos needs the cluster the bench starts itself (--instances, no --target)");
        }
        if (plan.faults().contains(Fault.REDIS) && cluster.redis() == null) {
            throw new IllegalStateException("chaos's redis fault needs the bench's own redis-server");
        }
        if (plan.faults().contains(Fault.POSTGRES) && cluster.postgres() == null) {
            throw new IllegalStateException("chaos's postgres fault needs the bench's own PostgreSQL (no --db-url)");
        }
        if (plan.faults().contains(Fault.BROKER) && cluster.broker() == null) {
            throw new IllegalStateException("chaos's broker fault needs the bench's own RabbitMQ node");
        }
    }

    private void run(Plan plan, Cluster cluster, Consumer<String> say) {
        if (!plan.enabled()) {
            return;
        }
        try {
            Thread.sleep(plan.firstAfter());
            for (Fault fault : plan.faults()) {
                long brokenAt = sinceStartMs();
                String detail = breakAndRepair(fault, cluster, plan.down(), say);
                events.add(new Event(fault.option(), detail, brokenAt, sinceStartMs()));
                say.accept(String.format(Locale.ROOT, "bench: chaos: %s repaired at %.1f s", detail, sinceStartMs() / 1000.0));
                Thread.sleep(plan.between());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            failure = e;
        }
    }

    private String breakAndRepair(Fault fault, Cluster cluster, Duration down, Consumer<String> say) throws InterruptedException {
        String at = String.format(Locale.ROOT, "%.1f s", sinceStartMs() / 1000.0);
        switch (fault) {
            case KILL -> {
                int victim = cluster.size();
                say.accept("bench: chaos: kill -9 of instance " + victim + " at " + at);
                cluster.kill(victim);
                Thread.sleep(down);
                cluster.restart(victim);
                return "instance " + victim + " killed (SIGKILL) and restarted";
            }
            case REDIS -> {
                say.accept("bench: chaos: Redis stopped at " + at);
                cluster.redis().stop();
                Thread.sleep(down);
                cluster.redis().restart();
                return "Redis stopped and started again (empty)";
            }
            case POSTGRES -> {
                say.accept("bench: chaos: PostgreSQL shut down at " + at);
                cluster.postgres().stop();
                Thread.sleep(down);
                cluster.postgres().launch();
                return "PostgreSQL shut down (fast) and started again";
            }
            case BROKER -> {
                say.accept("bench: chaos: RabbitMQ stopped at " + at);
                cluster.broker().stop();
                Thread.sleep(down);
                cluster.broker().restart();
                return "RabbitMQ stopped and started again";
            }
        }
        throw new IllegalStateException("unknown fault " + fault);
    }

    private long sinceStartMs() {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    /** The faults dealt so far, in order. */
    public List<Event> events() {
        synchronized (events) {
            return List.copyOf(events);
        }
    }

    /** Waits until every fault was repaired (a run never audits a broken cluster); a failed repair fails the run. */
    @Override
    public void close() throws Exception {
        thread.join();
        if (failure != null) {
            throw new IllegalStateException("chaos could not repair the cluster: " + failure.getMessage(), failure);
        }
    }
}
