package io.payonce.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.payonce.config.DataFolder;
import io.payonce.config.EmbeddedDatabases;
import io.payonce.gateway.SandboxGatewayApplication;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.SpringApplication;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code payonce gateway}: the sandbox gateway in a process of its own, in the spirit of
 * stripe-mock. Without {@code --db-url} it runs an embedded PostgreSQL of its own in
 * {@code <data>/db}; its keys are in {@code <data>/keys}, with payonce's side of them in
 * {@code <data>/keys/merchant.properties}.
 */
@Command(name = "gateway", mixinStandardHelpOptions = true,
        description = "Start the sandbox gateway (Alipay and WeChat Pay in their wire formats, notifications, bills, fault switches).")
public class GatewayCommand implements Runnable {

    /** The folder in the data folder of payonce serve where the gateway keeps its database and keys. */
    public static final String DATA_SUBFOLDER = "sandbox-gateway";

    @Option(names = "--port", defaultValue = "9090", description = "HTTP port (default: ${DEFAULT-VALUE}; 0 = any free port).")
    int port;

    @Option(names = "--data", description = "Its folder: database in db/, keys in keys/ "
            + "(default: $PAYONCE_DATA_DIR/sandbox-gateway or ./payonce-data/sandbox-gateway).")
    Path data;

    @Option(names = "--ephemeral", description = "A throwaway embedded database, deleted at exit (keys still in --data).")
    boolean ephemeral;

    @Option(names = "--db-url", description = "An external PostgreSQL instead of the embedded one (JDBC or postgresql:// URL).")
    String dbUrl;

    @Option(names = "--db-user", description = "The external database's user.")
    String dbUser;

    @Option(names = "--autopay-ms", description = "Every new trade pays itself this many ms after it opens (default: 0, off).")
    Long autopayMs;

    @Option(names = "--notify-time-scale", description = "Multiplies the gateways' real notification retry schedules (default: 1.0).")
    Double notifyTimeScale;

    /**
     * Any other gateway setting, as {@code --payonce.gateway.name=value} (the launchers of serve and
     * bench pass theirs so); anything else is refused by {@link #run}.
     */
    @CommandLine.Unmatched
    List<String> settings = new ArrayList<>();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--exit-with-parent", hidden = true,
            description = "Exit when the process that started this one is gone (set by payonce serve and payonce bench).")
    boolean exitWithParent;

    /** Read first thing: a parent that dies while the database starts must still be the one watched. */
    private final Long parentPid = ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(null);

    /** The gateway's folder when none is given: beside the service's data in its data folder. */
    public static Path defaultDataFolder() {
        String serviceData = System.getenv().getOrDefault("PAYONCE_DATA_DIR", DataFolder.DEFAULT_DIR);
        return Path.of(serviceData.isBlank() ? DataFolder.DEFAULT_DIR : serviceData).resolve(DATA_SUBFOLDER).toAbsolutePath().normalize();
    }

    @Override
    public void run() {
        for (String setting : settings) {
            if (!setting.startsWith("--payonce.gateway.") || !setting.contains("=")) {
                throw new CommandLine.ParameterException(spec.commandLine(), "Unknown option: '" + setting
                        + "' (other gateway settings are given as --payonce.gateway.name=value)");
            }
        }
        Path folder = data == null ? defaultDataFolder() : data.toAbsolutePath().normalize();
        EmbeddedPostgres postgres;
        try {
            postgres = dbUrl == null ? (ephemeral ? EmbeddedDatabases.ephemeral() : EmbeddedDatabases.durable(folder.resolve("db"))) : null;
        } catch (RuntimeException e) {
            // Before Spring Boot runs, nobody else reports it (the command's handler stays quiet for start-up failures).
            System.err.println("payonce gateway: " + e.getMessage());
            throw e;
        }
        try {
            SpringApplication application = SandboxGatewayApplication.application();
            if (postgres != null) {
                // Closed after the pool: disposable beans are destroyed in reverse order of registration.
                application.addInitializers(context -> ((DefaultListableBeanFactory) context.getBeanFactory())
                        .registerDisposableBean("gatewayEmbeddedPostgres", postgres::close));
            }
            application.run(springArgs(folder, postgres).toArray(String[]::new));
        } catch (RuntimeException e) {
            closeQuietly(postgres);
            throw e;
        }
    }

    private List<String> springArgs(Path folder, EmbeddedPostgres postgres) {
        List<String> args = new ArrayList<>();
        args.add("--server.port=" + port);
        args.add("--payonce.gateway.data-dir=" + folder);
        if (postgres != null) {
            args.add("--payonce.gateway.db.url=" + postgres.getJdbcUrl("postgres", "postgres"));
            args.add("--payonce.gateway.db.username=postgres");
        } else {
            args.add("--payonce.gateway.db.url=" + dbUrl);
            if (dbUser != null) {
                args.add("--payonce.gateway.db.username=" + dbUser);
            }
        }
        if (autopayMs != null) {
            args.add("--payonce.gateway.autopay-ms=" + autopayMs);
        }
        if (exitWithParent && parentPid != null) {
            args.add("--payonce.gateway.parent-pid=" + parentPid);
        }
        if (notifyTimeScale != null) {
            args.add("--payonce.gateway.notify-time-scale=" + notifyTimeScale);
        }
        args.addAll(settings);
        return args;
    }

    private static void closeQuietly(EmbeddedPostgres postgres) {
        if (postgres == null) {
            return;
        }
        try {
            postgres.close();
        } catch (java.io.IOException | RuntimeException e) {
            System.err.println("payonce gateway: could not stop its embedded PostgreSQL: " + e);
        }
    }
}
