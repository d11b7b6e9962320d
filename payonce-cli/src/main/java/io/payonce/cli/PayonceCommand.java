package io.payonce.cli;

import java.util.ArrayList;
import java.util.List;

import io.payonce.PayonceApplication;
import io.payonce.bench.BenchCommand;
import io.payonce.bench.DemoCommand;
import io.payonce.cli.admin.AdminCommand;
import io.payonce.cli.admin.ReconcileCommand;
import org.springframework.boot.SpringApplication;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code payonce} executable: one entry point for the service and its tools. */
@Command(name = "payonce", mixinStandardHelpOptions = true, version = "payonce 0.1.0",
        description = "Exactly-once payments for digital goods.",
        subcommands = {PayonceCommand.Serve.class, BenchCommand.class, DemoCommand.class, AdminCommand.class,
                ReconcileCommand.class})
public class PayonceCommand implements Runnable {

    public static void main(String[] args) {
        CommandLine commandLine = new CommandLine(new PayonceCommand());
        // Spring Boot has already reported why the service could not start (naming the setting);
        // a second, longer stack trace from picocli would bury that report.
        commandLine.setExecutionExceptionHandler((exception, command, parseResult) -> {
            if (!(command.getCommand() instanceof Serve)) {
                throw exception;
            }
            return 1;
        });
        int exitCode = commandLine.execute(args);
        if (exitCode != 0) {
            System.exit(exitCode);
        }
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    /** Runs the HTTP service until stopped. */
    @Command(name = "serve", mixinStandardHelpOptions = true,
            description = "Start the service (embedded PostgreSQL in the data folder unless PAYONCE_DB_URL is set).")
    static class Serve implements Runnable {

        @Option(names = "--port", description = "HTTP port (default: $PORT or 8080).")
        Integer port;

        @Option(names = "--ephemeral", description = "A throwaway embedded database in a temporary folder, fsync off, "
                + "deleted at exit (demos only); default: kept in $PAYONCE_DATA_DIR or ./payonce-data.")
        boolean ephemeral;

        @Override
        public void run() {
            List<String> springArgs = new ArrayList<>();
            if (port != null) {
                springArgs.add("--server.port=" + port);
            }
            if (ephemeral) {
                springArgs.add("--payonce.data.ephemeral=true");
            }
            SpringApplication.run(PayonceApplication.class, springArgs.toArray(String[]::new));
        }
    }
}
