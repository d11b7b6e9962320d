package io.payonce.gateway.support;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Many calls released at once, for tests that race them on one trade. */
public final class Race {

    private Race() {
    }

    /** Runs {@code threads} calls at once (released together) and returns their results in call order. */
    public static <T> List<T> race(int threads, IndexedCall<T> call) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService executor = Executors.newFixedThreadPool(threads)) {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                int index = i;
                Callable<T> task = () -> {
                    start.await();
                    return call.call(index);
                };
                futures.add(executor.submit(task));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        }
    }

    @FunctionalInterface
    public interface IndexedCall<T> {
        T call(int index) throws Exception;
    }
}
