package io.payonce.bench.scenarios;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.payonce.bench.audit.Journal;
import io.payonce.bench.load.BenchHttp;
import io.payonce.bench.load.Call;
import io.payonce.bench.load.Reply;
import io.payonce.bench.load.Session;

/**
 * Sends one call K times at once (a double-clicking buyer, a retrying proxy) and checks what the
 * idempotency contract promises: every final answer to the key is byte-for-byte the first one.
 */
final class Storm {

    private static final ExecutorService EXECUTOR = Executors.newVirtualThreadPerTaskExecutor();

    private Storm() {
    }

    static List<Reply> send(BenchHttp http, Session session, Call call, int copies) throws InterruptedException {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Reply>> futures = new ArrayList<>(copies);
        for (int i = 0; i < copies; i++) {
            futures.add(EXECUTOR.submit(() -> {
                start.await();
                return http.send(session, call);
            }));
        }
        start.countDown();
        List<Reply> replies = new ArrayList<>(copies);
        for (Future<Reply> future : futures) {
            try {
                replies.add(future.get());
            } catch (ExecutionException e) {
                throw new IllegalStateException("a copy of " + call.op() + " failed in the harness", e.getCause());
            }
        }
        return replies;
    }

    /**
     * The storm, then one more copy once every copy has answered, as a client retries after a
     * timeout: the first request has finished by then, so this copy is a replay of its stored
     * answer, and every key has at least one replay to compare however the storm's copies
     * interleaved (all of them may have met the first one still in flight).
     */
    static List<Reply> sendThenRetry(BenchHttp http, Session session, Call call, int copies) throws InterruptedException {
        List<Reply> replies = new ArrayList<>(send(http, session, call, copies));
        replies.add(http.send(session, call));
        return replies;
    }

    /**
     * Compares the final answers of one key. Not final, so not compared: no answer, 409
     * idempotency_key_in_use, 429, and 5xx (the contract stores nothing final for an unexpected
     * server error, and a retry redoes the request).
     */
    static void checkReplays(Journal journal, String key, List<Reply> replies) {
        List<Reply> finals = replies.stream()
                // 408: the body never arrived whole, so the operation never ran and nothing was stored
                // (seen in chaos, on an instance starved mid-fault); like 429, not an answer to replay.
                .filter(reply -> reply.status() >= 200 && reply.status() < 500 && reply.status() != 429 && reply.status() != 408
                        && !reply.cause().equals("409 idempotency_key_in_use"))
                .toList();
        if (finals.size() < 2) {
            return;
        }
        Reply first = finals.getFirst();
        boolean identical = finals.stream().allMatch(reply -> reply.status() == first.status() && reply.body().equals(first.body()));
        journal.replayCompared(key, identical);
    }
}
