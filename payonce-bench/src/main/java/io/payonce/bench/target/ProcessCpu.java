package io.payonce.bench.target;

import java.time.Duration;
import java.util.Optional;

/**
 * The CPU time another process (the service, the sandbox gateway) spent during the load, read from
 * the operating system before and after it. A process that was replaced in between (the gateway
 * killed and restarted) or whose CPU time the system does not report gives no figure, rather than
 * a wrong one.
 */
public final class ProcessCpu {

    private final ProcessHandle process;
    private final Duration start;

    private ProcessCpu(ProcessHandle process, Duration start) {
        this.process = process;
        this.start = start;
    }

    /** Starts measuring {@code process}; empty when there is none or its CPU time cannot be read. */
    public static Optional<ProcessCpu> start(ProcessHandle process) {
        if (process == null) {
            return Optional.empty();
        }
        return process.info().totalCpuDuration().map(cpu -> new ProcessCpu(process, cpu));
    }

    /** CPU spent since {@link #start}, if {@code now} is still the process measured and is alive. */
    public Optional<Duration> spentBy(ProcessHandle now) {
        if (now == null || now.pid() != process.pid() || !process.isAlive()) {
            return Optional.empty();
        }
        return process.info().totalCpuDuration().map(end -> end.minus(start));
    }
}
