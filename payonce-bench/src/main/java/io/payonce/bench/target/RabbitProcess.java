package io.payonce.bench.target;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A RabbitMQ node of the bench's own (Debian's {@code rabbitmq-server}), on ports of its own and
 * with its data in the run's folder, that a chaos run may stop and start again: never the
 * machine's shared broker. The machine's {@code /etc/rabbitmq} settings are left out (they name
 * the shared node and its port), and no plugin is enabled. Its data stays across a restart, as a
 * broker's disk does: durable queues and persistent messages come back with it.
 */
public final class RabbitProcess implements AutoCloseable {

    /** An Erlang VM and RabbitMQ's boot take a few seconds alone; a loaded 2-core machine takes longer. */
    private static final Duration START_WAIT = Duration.ofSeconds(120);
    private static final Duration STOP_WAIT = Duration.ofSeconds(30);
    private static final String SERVER = "/usr/lib/rabbitmq/bin/rabbitmq-server";

    private final int port;
    private final int distributionPort;
    private final Path folder;
    private volatile Process process;

    private RabbitProcess(int port, int distributionPort, Path folder) {
        this.port = port;
        this.distributionPort = distributionPort;
        this.folder = folder.toAbsolutePath();
    }

    /** Starts a node on free ports, with its configuration, data and logs under {@code folder}. */
    public static RabbitProcess start(Path folder) {
        RabbitProcess rabbit = new RabbitProcess(EmbeddedService.freePort(), EmbeddedService.freePort(), folder);
        rabbit.configure();
        rabbit.launch();
        return rabbit;
    }

    /** What payonce's PAYONCE_AMQP_URL names; RabbitMQ lets its default user in from the loopback address only. */
    public String url() {
        return "amqp://guest:guest@127.0.0.1:" + port;
    }

    /** SIGTERM (the server script then stops the node properly) and wait: the broker is gone until {@link #restart()}. */
    public void stop() throws InterruptedException {
        // The Erlang VM is the script's child: it goes too, before the port is reused.
        LocalServers.stop(process, STOP_WAIT);
    }

    /** Starts it again on the same ports and data. */
    public void restart() {
        launch();
    }

    private void configure() {
        try {
            Files.createDirectories(folder.resolve("log"));
            Files.writeString(folder.resolve("rabbitmq.conf"), "listeners.tcp.default = 127.0.0.1:" + port + "\n");
            Files.writeString(folder.resolve("enabled_plugins"), "[].\n");
            Files.writeString(folder.resolve("rabbitmq-env.conf"), "");
        } catch (IOException e) {
            throw new UncheckedIOException("Could not prepare " + folder + " for RabbitMQ", e);
        }
    }

    private void launch() {
        ProcessBuilder builder = new ProcessBuilder(List.of(SERVER)).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(folder.resolve("log").resolve("server.out").toFile()));
        Map<String, String> env = builder.environment();
        env.put("RABBITMQ_CONF_ENV_FILE", folder.resolve("rabbitmq-env.conf").toString());
        env.put("RABBITMQ_CONFIG_FILE", folder.resolve("rabbitmq.conf").toString());
        env.put("RABBITMQ_ENABLED_PLUGINS_FILE", folder.resolve("enabled_plugins").toString());
        env.put("RABBITMQ_NODENAME", "payonce-bench-" + port + "@localhost");
        env.put("RABBITMQ_NODE_IP_ADDRESS", "127.0.0.1");
        env.put("RABBITMQ_NODE_PORT", Integer.toString(port));
        env.put("RABBITMQ_DIST_PORT", Integer.toString(distributionPort));
        env.put("RABBITMQ_MNESIA_BASE", folder.resolve("mnesia").toString());
        env.put("RABBITMQ_LOG_BASE", folder.resolve("log").toString());
        env.put("RABBITMQ_PID_FILE", folder.resolve("rabbitmq.pid").toString());
        env.put("ERL_EPMD_ADDRESS", "127.0.0.1");
        // Its own Erlang cookie, in its own home: the node needs one, and the machine's belongs to the shared node.
        env.put("HOME", folder.toString());
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + SERVER + " (Debian: apt-get install rabbitmq-server)", e);
        }
        LocalServers.awaitReady(process, this::listening, START_WAIT, "RabbitMQ did not listen on port " + port + "; see " + folder.resolve("log"));
    }

    /** RabbitMQ opens its AMQP listener last, once the node has booted. */
    private boolean listening() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            stop();
        }
    }
}
