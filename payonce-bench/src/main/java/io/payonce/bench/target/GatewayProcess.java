package io.payonce.bench.target;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.payonce.gateway.SandboxGatewayApplication;
import io.payonce.gateway.keys.SandboxKeys;

/**
 * A sandbox gateway started as a child process of this JVM: started, waited for until it is
 * healthy and has written payonce's settings for it, stopped with its parent, and, for a scenario
 * that wants it, killed with SIGKILL and started again on the same port and folder. The child
 * exits by itself once this JVM is gone ({@code payonce.gateway.parent-pid}), so a {@code kill -9}
 * of the parent leaves nothing running.
 *
 * <p>From the executable jar it runs {@code java -jar payonce.jar gateway} (its own embedded
 * PostgreSQL unless a database is given); from a class path (tests) it runs the gateway
 * application itself, which needs a database.
 */
public final class GatewayProcess implements AutoCloseable {

    /**
     * A cold start runs initdb and Flyway on 2 busy cores: minutes at worst, never forever (more
     * than 3 minutes was seen at load average 40, with a cluster's instances starting beside it).
     */
    private static final Duration START_WAIT = Duration.ofMinutes(10);
    private static final Duration STOP_WAIT = Duration.ofSeconds(30);
    /** The gateway's heap: its books live in PostgreSQL, so a small heap serves a bench's storm. */
    private static final String HEAP = "-Xmx256m";
    /** Enough of a failed start's log to show its cause, short enough for a terminal. */
    private static final int LOG_TAIL_LINES = 20;
    private static final String CLI_MAIN = "io.payonce.cli.PayonceCommand";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /**
     * How to run it.
     *
     * @param dataDir   its folder: keys (and the embedded database) live there, and its log, gateway.log
     * @param port      its port (0: any free one, kept for restarts)
     * @param ephemeral a throwaway embedded database
     * @param database  an external database instead of the embedded one (required when not run from the jar)
     * @param settings  more {@code payonce.gateway.*} settings, as {@code name=value}
     */
    public record Launch(Path dataDir, int port, boolean ephemeral, Database database, List<String> settings) {
        public Launch {
            settings = List.copyOf(settings);
        }

        public static Launch of(Path dataDir) {
            return new Launch(dataDir, 0, false, null, List.of());
        }
    }

    private final Launch launch;
    private final int port;
    private final Path log;
    private volatile Process process;

    private GatewayProcess(Launch launch, int port) {
        this.launch = launch;
        this.port = port;
        this.log = launch.dataDir().resolve("gateway.log");
    }

    /** Starts the gateway and waits until it serves. */
    public static GatewayProcess start(Launch launch) {
        try {
            Files.createDirectories(launch.dataDir());
            GatewayProcess gateway = new GatewayProcess(launch, launch.port() == 0 ? EmbeddedService.freePort() : launch.port());
            gateway.launch();
            return gateway;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the sandbox gateway", e);
        }
    }

    /** The gateway's base URL, the same across restarts. */
    public URI url() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public int port() {
        return port;
    }

    /** payonce's settings for this gateway, for {@code --spring.config.import=file:...}. */
    public Path merchantProperties() {
        return launch.dataDir().resolve("keys").resolve(SandboxKeys.MERCHANT_PROPERTIES);
    }

    public Path log() {
        return log;
    }

    public ProcessHandle handle() {
        return process.toHandle();
    }

    /** SIGKILL: the gateway and every call in flight stop at once, as if its machine died. */
    public void kill() throws InterruptedException {
        Process current = process;
        current.destroyForcibly();
        current.waitFor();
    }

    /** Starts it again on the same port and folder (its books and keys are kept) and waits until it serves. */
    public void restart() throws IOException {
        launch();
    }

    /** SIGTERM (a graceful stop that closes its database), then SIGKILL if it hangs. */
    @Override
    public void close() {
        Process current = process;
        current.destroy();
        try {
            if (!current.waitFor(STOP_WAIT.toSeconds(), TimeUnit.SECONDS)) {
                current.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            current.destroyForcibly();
        }
    }

    private void launch() throws IOException {
        Files.writeString(log, "", java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        ProcessBuilder builder = new ProcessBuilder(command(launch, port, javaLaunch()))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        if (launch.database() != null && launch.database().password() != null) {
            // In the environment, not on the command line, where any user's ps would show it.
            builder.environment().put("PAYONCE_GATEWAY_DB_PASSWORD", launch.database().password());
        }
        process = builder.start();
        awaitReady();
    }

    /** How this JVM was started, so that the gateway runs from the same artifact. */
    record JavaLaunch(String java, String jar, String classPath, boolean cliOnClassPath) {
    }

    static JavaLaunch javaLaunch() {
        String java = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        String launched = System.getProperty("sun.java.command", "").split(" ")[0];
        return new JavaLaunch(java, isPayonceJar(launched) ? launched : null, System.getProperty("java.class.path"),
                isLoadable(CLI_MAIN));
    }

    /** The executable payonce.jar, not any jar a JVM was started from (a test runner's booter jar, say). */
    private static boolean isPayonceJar(String path) {
        if (!path.endsWith(".jar")) {
            return false;
        }
        try (java.util.jar.JarFile jar = new java.util.jar.JarFile(path)) {
            java.util.jar.Manifest manifest = jar.getManifest();
            return manifest != null && CLI_MAIN.equals(manifest.getMainAttributes().getValue("Start-Class"));
        } catch (IOException e) {
            return false;
        }
    }

    /** The child's command line: the CLI's {@code gateway} command when there is one, else the gateway application. */
    static List<String> command(Launch launch, int port, JavaLaunch java) {
        List<String> command = new ArrayList<>(List.of(java.java(), HEAP));
        String parentPid = Long.toString(ProcessHandle.current().pid());
        if (java.jar() != null || java.cliOnClassPath()) {
            command.addAll(java.jar() != null ? List.of("-jar", java.jar()) : List.of("-cp", java.classPath(), CLI_MAIN));
            command.addAll(List.of("gateway", "--port", Integer.toString(port), "--data", launch.dataDir().toString(), "--exit-with-parent"));
            if (launch.ephemeral()) {
                command.add("--ephemeral");
            }
            if (launch.database() != null) {
                command.addAll(List.of("--db-url", launch.database().jdbcUrl(), "--db-user", launch.database().user()));
            }
        } else {
            if (launch.database() == null) {
                throw new IllegalStateException("Without the payonce executable on the class path the sandbox gateway needs a database");
            }
            command.addAll(List.of("-cp", java.classPath(), SandboxGatewayApplication.class.getName(), "--server.port=" + port,
                    "--payonce.gateway.data-dir=" + launch.dataDir(), "--payonce.gateway.db.url=" + launch.database().jdbcUrl(),
                    "--payonce.gateway.db.username=" + launch.database().user(), "--payonce.gateway.parent-pid=" + parentPid));
        }
        launch.settings().forEach(setting -> command.add("--" + setting));
        return command;
    }

    private void awaitReady() {
        Instant deadline = Instant.now().plus(START_WAIT);
        while (!(healthy() && merchantPropertiesNamePort())) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The sandbox gateway exited with " + process.exitValue() + " before it served; the end of "
                        + log + ":\n" + logTail());
            }
            if (Instant.now().isAfter(deadline)) {
                close();
                throw new IllegalStateException("The sandbox gateway did not serve within " + START_WAIT.toMinutes() + " min; see " + log);
            }
            sleep(Duration.ofMillis(250));
        }
    }

    /** The last lines of the child's log: where it says why it stopped. */
    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    private boolean healthy() {
        try {
            HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(url().resolve("/sandbox/health"))
                    .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the sandbox gateway", e);
        }
    }

    /** The file is rewritten at every start: one from an earlier run names another port. */
    private boolean merchantPropertiesNamePort() {
        try {
            Path file = merchantProperties();
            return Files.exists(file) && Files.readString(file).contains(url() + "/");
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean isLoadable(String className) {
        try {
            Class.forName(className, false, GatewayProcess.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the sandbox gateway", e);
        }
    }
}
