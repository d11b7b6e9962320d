package io.payonce.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;

import io.payonce.bench.load.LoadModel;
import io.payonce.bench.load.LoadPlan;
import io.payonce.bench.load.Transport;
import io.payonce.bench.scenarios.ScenarioOptions;
import io.payonce.bench.target.EmbeddedService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code payonce demo}: an embedded payonce, seeded, under a short mixed load, with its summary and report. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Start an embedded payonce, seed it, run a short mixed bench and print the summary and the report's path.")
public class DemoCommand implements Callable<Integer> {

    @Option(names = "--out", defaultValue = "bench-out/demo", description = "Directory for the results (default ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--duration", defaultValue = "10", description = "Measured seconds (default ${DEFAULT-VALUE}).")
    int durationSeconds;

    @Option(names = "--rate", defaultValue = "50", description = "Iterations per second (default ${DEFAULT-VALUE}).")
    double rate;

    @Override
    public Integer call() throws Exception {
        LoadPlan plan = new LoadPlan(new LoadModel.Open(rate), Duration.ofSeconds(1), Duration.ofSeconds(2),
                Duration.ofSeconds(durationSeconds), 0, 256, Duration.ofSeconds(10), Duration.ofSeconds(20));
        ScenarioOptions defaults = ScenarioOptions.defaults();
        ScenarioOptions options = new ScenarioOptions(200, defaults.dupFactor(), defaults.flashStock(), BenchCommand.stockFor(plan),
                defaults.channel(), defaults.keyBits(), defaults.weights(), defaults.path(), BenchCommand.presignFor(plan, null));
        BenchSettings settings = new BenchSettings("mixed", null, null, null, plan, options, out, EmbeddedService.Mode.CHILD, 500,
                Duration.ofSeconds(30), false, Transport.Kind.APACHE);
        Bench.Outcome outcome = new Bench(settings, System.err).run();
        System.out.println();
        System.out.println("report: " + outcome.reportHtml().toAbsolutePath());
        System.out.println("summary: " + outcome.summaryJson().toAbsolutePath());
        return outcome.exitCode();
    }
}
