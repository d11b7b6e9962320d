package io.payonce.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.payonce.PayonceApplication;
import io.payonce.bench.BenchCommand;
import io.payonce.bench.DemoCommand;
import io.payonce.bench.target.GatewayProcess;
import io.payonce.cli.admin.AdminCommand;
import io.payonce.cli.admin.ReconcileCommand;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code payonce} executable: one entry point for the service and its tools. */
@Command(name = "payonce", mixinStandardHelpOptions = true, version = "payonce 0.1.0",
        description = "Exactly-once payments for digital goods.",
        subcommands = {PayonceCommand.Serve.class, GatewayCommand.class, BenchCommand.class, DemoCommand.class, AdminCommand.class,
                ReconcileCommand.class})
public class PayonceCommand implements Runnable {

    public static void main(String[] args) {
        CommandLine commandLine = new CommandLine(new PayonceCommand());
        // Spring Boot has already reported why the service could not start (naming the setting);
        // a second, longer stack trace from picocli would bury that report.
        commandLine.setExecutionExceptionHandler((exception, command, parseResult) -> {
            if (!(command.getCommand() instanceof Serve) && !(command.getCommand() instanceof GatewayCommand)) {
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

    /**
     * Runs the HTTP service until stopped. In sandbox mode with no gateway configured it first
     * starts the sandbox gateway as a child process and hands the service its settings.
     */
    @Command(name = "serve", mixinStandardHelpOptions = true,
            description = "Start the service (embedded PostgreSQL in the data folder unless PAYONCE_DB_URL is set); "
                    + "in sandbox mode also the sandbox gateway beside it, unless a gateway is configured.")
    static class Serve implements Runnable {

        @Option(names = "--port", description = "HTTP port (default: $PORT or 8080).")
        Integer port;

        @Option(names = "--ephemeral", description = "A throwaway embedded database in a temporary folder, fsync off, "
                + "deleted at exit (demos only); default: kept in $PAYONCE_DATA_DIR or ./payonce-data.")
        boolean ephemeral;

        @Option(names = "--no-gateway", description = "Do not start the sandbox gateway in sandbox mode.")
        boolean noGateway;

        @Option(names = "--gateway-port", defaultValue = "9090",
                description = "Port of the sandbox gateway serve starts (default ${DEFAULT-VALUE}; 0: any free port).")
        int gatewayPort;

        @Override
        public void run() {
            List<String> springArgs = new ArrayList<>();
            if (port != null) {
                springArgs.add("--server.port=" + port);
            }
            if (ephemeral) {
                springArgs.add("--payonce.data.ephemeral=true");
            }
            GatewayProcess gateway = runsSandboxGateway() ? startGateway() : null;
            if (gateway != null) {
                springArgs.add("--spring.config.import=file:" + gateway.merchantProperties());
                if (setting("payonce.store.demo-products", "PAYONCE_STORE_DEMO_PRODUCTS") == null) {
                    // A new user's first shop is not empty: a demo product while it has none (io.payonce.store.DemoShelf).
                    springArgs.add("--payonce.store.demo-products=true");
                }
            }
            ConfigurableApplicationContext service;
            try {
                service = SpringApplication.run(PayonceApplication.class, springArgs.toArray(String[]::new));
            } catch (RuntimeException e) {
                if (gateway != null) {
                    gateway.close();
                }
                throw e;
            }
            if (gateway != null) {
                service.addApplicationListener((ContextClosedEvent closed) -> gateway.close());
                int servicePort = ((WebServerApplicationContext) service).getWebServer().getPort();
                System.out.println("payonce: the service is on http://127.0.0.1:" + servicePort + ", the sandbox gateway on "
                        + gateway.url() + " (its log: " + gateway.log() + ")");
            }
            int publicPort = ((WebServerApplicationContext) service).getWebServer().getPort();
            System.out.println("payonce: the storefront is on http://127.0.0.1:" + publicPort + "/ (open it in a browser to buy)");
        }

        /** Sandbox mode, not switched off, and no gateway named: then payonce brings its own. */
        private boolean runsSandboxGateway() {
            String mode = setting("payonce.mode", "PAYONCE_MODE");
            boolean sandbox = mode == null || mode.isBlank() || mode.strip().toLowerCase(Locale.ROOT).equals("sandbox");
            String gatewayUrl = setting("payonce.channels.alipay.gateway-url", "PAYONCE_CHANNELS_ALIPAY_GATEWAY_URL");
            return !noGateway && sandbox && (gatewayUrl == null || gatewayUrl.isBlank());
        }

        private GatewayProcess startGateway() {
            try {
                Path folder = ephemeral ? Files.createTempDirectory("payonce-sandbox-gateway-") : GatewayCommand.defaultDataFolder();
                System.out.println("payonce: starting the sandbox gateway (data in " + folder + ")");
                return GatewayProcess.start(new GatewayProcess.Launch(folder, gatewayPort, ephemeral, null, List.of()));
            } catch (IOException e) {
                throw report(new UncheckedIOException("Could not make a folder for the sandbox gateway", e));
            } catch (RuntimeException e) {
                throw report(e);
            }
        }

        /** The command's handler stays quiet for serve (Spring Boot reports its own failures): this one is ours to say. */
        private static RuntimeException report(RuntimeException e) {
            System.err.println("payonce serve: " + e.getMessage());
            return e;
        }

        private static String setting(String property, String env) {
            String value = System.getProperty(property);
            return value != null ? value : System.getenv(env);
        }
    }
}
