package io.payonce.bench.target;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** Starting and stopping the servers the bench runs as child processes of its own (Redis, RabbitMQ). */
final class LocalServers {

    private static final long POLL_MS = 100;

    private LocalServers() {
    }

    /** Waits until {@code ready} or fails: the process died, or {@code wait} passed. */
    static void awaitReady(Process process, BooleanSupplier ready, Duration wait, String failure) {
        Instant deadline = Instant.now().plus(wait);
        while (!ready.getAsBoolean()) {
            if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(failure);
            }
            try {
                Thread.sleep(POLL_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting: " + failure, e);
            }
        }
    }

    /** SIGTERM, then SIGKILL to it and its children after {@code grace}; returns once they are gone. */
    static void stop(Process process, Duration grace) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor();
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
    }
}
