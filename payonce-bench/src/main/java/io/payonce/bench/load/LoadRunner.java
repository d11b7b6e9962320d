package io.payonce.bench.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import io.payonce.bench.results.Results;

/**
 * Runs a scenario's iterations under a {@link LoadPlan}. Every iteration runs on its own virtual
 * thread; a semaphore bounds how many run at once, so a stalled service costs the harness a
 * bounded amount of memory and sockets. A sampler closes one second of the time series per second.
 */
public final class LoadRunner {

    /** One iteration of a scenario: a few calls that belong together (create an order, pay it). */
    @FunctionalInterface
    public interface Iteration {
        void run(Session session) throws Exception;
    }

    /** Told once a second what happened, for the progress line. */
    @FunctionalInterface
    public interface Progress {
        void second(long elapsedSeconds, boolean warmingUp, Results.SecondSample sample, int inFlight, long started);
    }

    /** How the run went from the harness's side; {@code cpuTime} is the harness's own, over the measured window only. */
    public record RunStats(long started, long measuredStarted, long unfinished, int inFlightPeak, Duration measuredElapsed,
                           Duration cpuTime) {
    }

    private static final int FAILURES_PRINTED_MAX = 5;
    /**
     * An iteration due within this much is started now instead of after another park: a park and
     * wake-up cost about as much, and at tens of thousands per second parking per iteration would
     * make the scheduler itself the bottleneck. Starting early never shortens a measured latency:
     * the first call counts from the earlier of its intended start and its actual send.
     */
    private static final long EARLY_START_NANOS = 100_000;

    private final LoadPlan plan;
    private final Results results;
    private final Progress progress;
    private final Runnable measureStarts;
    private volatile long cpuAtMeasureStart = -1;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger inFlightPeak = new AtomicInteger();
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicLong measuredStarted = new AtomicLong();
    private final AtomicLong lastMeasuredEndNanos = new AtomicLong();
    private final AtomicInteger failuresPrinted = new AtomicInteger();
    private long startNanos;
    private long measureStartNanos;

    public LoadRunner(LoadPlan plan, Results results, Progress progress) {
        this(plan, results, progress, () -> { });
    }

    /**
     * {@code measureStarts} runs once, on the sampler, when the warm-up ends: CPU counters read
     * there leave out the start-up and the JIT compilation of the warm-up, which on a 2-core
     * machine are most of a short run's CPU.
     */
    public LoadRunner(LoadPlan plan, Results results, Progress progress, Runnable measureStarts) {
        this.plan = plan;
        this.results = results;
        this.progress = progress;
        this.measureStarts = measureStarts;
    }

    public RunStats run(Iteration iteration) throws InterruptedException {
        startNanos = System.nanoTime();
        measureStartNanos = startNanos + plan.warmup().toNanos();
        AtomicBoolean done = new AtomicBoolean();
        Thread sampler = Thread.ofPlatform().daemon().name("bench-sampler").start(() -> sample(done));
        long unfinished;
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            unfinished = switch (plan.model()) {
                case LoadModel.Open open -> runOpen(open, iteration, executor);
                case LoadModel.Closed closed -> runClosed(closed, iteration, executor);
            };
            executor.shutdownNow();
        }
        done.set(true);
        sampler.join();
        long cpuStart = cpuAtMeasureStart < 0 ? processCpuNanos() : cpuAtMeasureStart;
        long end = Math.max(lastMeasuredEndNanos.get(), measureStartNanos);
        return new RunStats(sequence.get(), measuredStarted.get(), unfinished, inFlightPeak.get(),
                Duration.ofNanos(end - measureStartNanos), Duration.ofNanos(processCpuNanos() - cpuStart));
    }

    private static long processCpuNanos() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : 0;
    }

    private long runOpen(LoadModel.Open open, Iteration iteration, ExecutorService executor) throws InterruptedException {
        ArrivalSchedule schedule = new ArrivalSchedule(open.ratePerSecond(), plan.rampUp().toNanos() / 1e9);
        Semaphore permits = new Semaphore(plan.inFlightMax());
        long endOffset = plan.scheduleEnd().toNanos();
        for (long i = 0; ; i++) {
            long offset = schedule.offsetNanos(i);
            long due = startNanos + offset;
            if (offset >= endOffset || !admit(due)) {
                break;
            }
            parkUntil(due - EARLY_START_NANOS);
            // When every permit is taken the schedule slips, but latency still counts from `due`:
            // the wait shows up in the results instead of vanishing (and in the start-lag figure).
            permits.acquire();
            long session = sequence.getAndIncrement();
            executor.execute(() -> {
                try {
                    runOne(iteration, new Session(session, due, due >= measureStartNanos), true);
                } finally {
                    permits.release();
                }
            });
        }
        boolean drained = permits.tryAcquire(plan.inFlightMax(), plan.drainTimeout().toMillis(), TimeUnit.MILLISECONDS);
        return drained ? 0 : inFlight.get();
    }

    private long runClosed(LoadModel.Closed closed, Iteration iteration, ExecutorService executor) throws InterruptedException {
        AtomicBoolean stop = new AtomicBoolean();
        List<java.util.concurrent.Future<?>> users = new ArrayList<>();
        long rampNanos = plan.rampUp().toNanos();
        for (int u = 0; u < closed.users(); u++) {
            long userStart = startNanos + rampNanos * u / closed.users();
            users.add(executor.submit(() -> loopUser(iteration, userStart, stop)));
        }
        long end = startNanos + plan.scheduleEnd().toNanos();
        while (System.nanoTime() < end && !(plan.requests() > 0 && measuredStarted.get() >= plan.requests())) {
            Thread.sleep(20);
        }
        stop.set(true);
        long deadline = System.nanoTime() + plan.drainTimeout().toNanos();
        for (var user : users) {
            try {
                user.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
                // Counted below as unfinished.
            }
        }
        return inFlight.get();
    }

    private void loopUser(Iteration iteration, long userStart, AtomicBoolean stop) {
        parkUntil(userStart);
        while (!stop.get()) {
            long now = System.nanoTime();
            if (!admit(now)) {
                stop.set(true);
                return;
            }
            runOne(iteration, new Session(sequence.getAndIncrement(), now, now >= measureStartNanos), false);
        }
    }

    /** Counts a measured start against --requests; false once the count is reached. */
    private boolean admit(long dueNanos) {
        if (dueNanos < measureStartNanos) {
            return true;
        }
        long started = measuredStarted.incrementAndGet();
        if (plan.requests() > 0 && started > plan.requests()) {
            measuredStarted.decrementAndGet();
            return false;
        }
        return true;
    }

    private void runOne(Iteration iteration, Session session, boolean open) {
        int now = inFlight.incrementAndGet();
        inFlightPeak.accumulateAndGet(now, Math::max);
        if (open && session.measured()) {
            results.recordStartLag(System.nanoTime() - session.intendedStartNanos());
        }
        try {
            iteration.run(session);
            if (session.measured()) {
                long end = System.nanoTime();
                results.recordIteration(end - session.intendedStartNanos());
                lastMeasuredEndNanos.accumulateAndGet(end, Math::max);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception | AssertionError e) {
            String cause = e.getClass().getSimpleName() + ": " + e.getMessage();
            if (session.measured()) {
                results.recordIterationFailure(cause.length() > 120 ? cause.substring(0, 120) : cause);
            }
            if (failuresPrinted.incrementAndGet() <= FAILURES_PRINTED_MAX) {
                System.err.println("bench: iteration " + session.sequence() + " failed: " + cause);
            }
        } finally {
            inFlight.decrementAndGet();
        }
    }

    /** Progress once a second during the warm-up; then one sample per second, aligned to the measurement's start. */
    private void sample(AtomicBoolean done) {
        long second = 1;
        for (; startNanos + TimeUnit.SECONDS.toNanos(second) <= measureStartNanos && !done.get(); second++) {
            parkUntil(startNanos + TimeUnit.SECONDS.toNanos(second));
            progress.second(second, true, null, inFlight.get(), sequence.get());
        }
        parkUntil(measureStartNanos);
        if (!done.get()) {
            cpuAtMeasureStart = processCpuNanos();
            measureStarts.run();
        }
        for (int measured = 1; !done.get(); measured++) {
            parkUntil(measureStartNanos + TimeUnit.SECONDS.toNanos(measured));
            if (done.get()) {
                return;
            }
            Results.SecondSample sample = results.sample(measured);
            progress.second(measured, false, sample, inFlight.get(), sequence.get());
        }
    }

    private static void parkUntil(long deadlineNanos) {
        for (long wait = deadlineNanos - System.nanoTime(); wait > 0; wait = deadlineNanos - System.nanoTime()) {
            LockSupport.parkNanos(wait);
        }
    }
}
