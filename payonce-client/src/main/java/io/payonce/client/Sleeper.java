package io.payonce.client;

import java.time.Duration;

/** Waits between attempts; injectable so tests see the schedule without waiting it. */
@FunctionalInterface
public interface Sleeper {

    Sleeper THREAD = duration -> Thread.sleep(duration);

    void sleep(Duration duration) throws InterruptedException;
}
