package io.payonce.gateway.book;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * A background loop on one virtual thread: polls while there is work, otherwise waits for the
 * poll interval or a {@link #signal()}. Started and stopped with the application context, so it
 * never runs against a closed connection pool; it may be stopped and started again (Spring pauses
 * the lifecycle of idle cached test contexts), so stopping must leave nothing unusable.
 */
public abstract class Poller implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Poller.class);
    /** After a failure (database down, say) wait this long rather than failing 40 times a second. */
    private static final Duration FAILURE_BACKOFF = Duration.ofSeconds(1);
    private static final Duration STOP_WAIT = Duration.ofSeconds(5);

    private final String name;
    private final Duration interval;
    private final Semaphore wakeUp = new Semaphore(0);
    private volatile boolean running;
    private volatile Thread thread;

    protected Poller(String name, Duration interval) {
        this.name = name;
        this.interval = interval;
    }

    /** Does one round of work; returns how many items it handled (0 = nothing due, so wait). */
    protected abstract int pollOnce();

    /** Called once the loop has ended. */
    protected void afterStop() {
    }

    /** Makes the loop poll now instead of at the end of its interval. */
    public void signal() {
        wakeUp.release();
    }

    @Override
    public void start() {
        running = true;
        thread = Thread.ofVirtual().name(name).start(this::loop);
    }

    @Override
    public void stop() {
        running = false;
        wakeUp.release();
        try {
            Thread current = thread;
            if (current != null && !current.join(STOP_WAIT)) {
                log.warn("{} did not stop within {}", name, STOP_WAIT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        afterStop();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void loop() {
        while (running) {
            int handled = 0;
            Duration wait = interval;
            try {
                handled = pollOnce();
            } catch (RuntimeException e) {
                if (running) {
                    log.warn("{} failed; retrying in {}: {}", name, FAILURE_BACKOFF, e.toString());
                }
                wait = FAILURE_BACKOFF;
            }
            if (handled == 0) {
                await(wait);
            }
        }
    }

    private void await(Duration wait) {
        try {
            wakeUp.tryAcquire(wait.toNanos(), TimeUnit.NANOSECONDS);
            wakeUp.drainPermits();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
