package io.payonce.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import io.payonce.bench.results.Latencies;
import io.payonce.bench.results.Results;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LoadRunnerTest {

    private HttpServer server;
    private final AtomicInteger served = new AtomicInteger();

    private URI serve(long delayMs) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            served.incrementAndGet();
            try {
                Thread.sleep(delayMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] body = "{}".getBytes();
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private static LoadPlan plan(LoadModel model, Duration warmup, long requests, int inFlightMax) {
        return new LoadPlan(model, Duration.ZERO, warmup, null, requests, inFlightMax, Duration.ofSeconds(10), Duration.ofSeconds(20));
    }

    private Results run(URI base, LoadPlan plan) throws InterruptedException {
        Results results = new Results();
        try (BenchHttp http = new BenchHttp(base, plan.requestTimeout(), results)) {
            new LoadRunner(plan, results, (second, warmingUp, sample, inFlight, started) -> { }).run(
                    session -> http.send(session, Call.get("get", "/ping")));
        }
        return results;
    }

    @Test
    void an_open_run_bounded_by_requests_measures_exactly_that_many_and_not_the_warm_up() throws Exception {
        URI base = serve(0);

        Results results = run(base, plan(new LoadModel.Open(400), Duration.ofMillis(250), 60, 64));

        Results.Snapshot snapshot = results.snapshot();
        assertThat(snapshot.requests()).isEqualTo(60);
        assertThat(snapshot.errors()).isZero();
        assertThat(served.get()).as("warm-up calls ran but were not measured").isEqualTo(60 + 100);
    }

    @Test
    void the_measure_start_hook_runs_once_when_the_warm_up_ends_before_any_measured_call() throws Exception {
        URI base = serve(0);
        LoadPlan plan = plan(new LoadModel.Open(400), Duration.ofMillis(300), 40, 64);
        Results results = new Results();
        AtomicInteger hooks = new AtomicInteger();
        AtomicInteger servedAtHook = new AtomicInteger(-1);
        try (BenchHttp http = new BenchHttp(base, plan.requestTimeout(), results)) {
            new LoadRunner(plan, results, (second, warmingUp, sample, inFlight, started) -> { }, () -> {
                hooks.incrementAndGet();
                servedAtHook.set(served.get());
            }).run(session -> http.send(session, Call.get("get", "/ping")));
        }

        assertThat(hooks.get()).isEqualTo(1);
        assertThat(servedAtHook.get()).as("the warm-up's calls came first").isBetween(100, 130);
        assertThat(results.snapshot().requests()).isEqualTo(40);
    }

    @Test
    void a_closed_run_bounded_by_requests_measures_exactly_that_many() throws Exception {
        URI base = serve(0);

        Results results = run(base, plan(new LoadModel.Closed(4), Duration.ZERO, 40, 64));

        assertThat(results.snapshot().requests()).isEqualTo(40);
    }

    @Test
    void a_stalled_service_shows_as_latency_from_the_intended_start_not_as_less_load() throws Exception {
        // One iteration at a time, each taking at least 200 ms, while the schedule asks for one
        // every 10 ms: the fifth is due at 40 ms but cannot start before 800 ms. Timing from the
        // actual send would report ~200 ms for all five (coordinated omission); timing from the
        // intended start must report at least 800 ms for the last.
        URI base = serve(200);

        Results results = run(base, plan(new LoadModel.Open(100), Duration.ZERO, 5, 1));

        Latencies latency = Latencies.of(results.snapshot().callLatencyMicros());
        assertThat(latency.count()).isEqualTo(5);
        assertThat(latency.max()).isGreaterThanOrEqualTo(800);
    }
}
