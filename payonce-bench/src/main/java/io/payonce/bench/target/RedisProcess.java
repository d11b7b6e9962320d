package io.payonce.bench.target;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A redis-server of the bench's own, on a port of its own, that a chaos run may stop and start
 * again: never the machine's shared Redis. It keeps nothing on disk, so a restart comes back
 * empty, as a Redis that lost its memory does; payonce keeps every guarantee in PostgreSQL, so an
 * empty Redis must cost it nothing but speed.
 */
public final class RedisProcess implements AutoCloseable {

    private static final Duration START_WAIT = Duration.ofSeconds(20);

    private final int port;
    private final Path log;
    private volatile Process process;

    private RedisProcess(int port, Path log) {
        this.port = port;
        this.log = log;
    }

    /** Starts {@code redis-server} from the PATH on a free port; its output goes to {@code log}. */
    public static RedisProcess start(Path log) {
        RedisProcess redis = new RedisProcess(EmbeddedService.freePort(), log);
        redis.launch();
        return redis;
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    /** SIGTERM and wait: the Redis is gone until {@link #restart()}. */
    public void stop() throws InterruptedException {
        LocalServers.stop(process, Duration.ofSeconds(10));
    }

    /** Starts it again on the same port, empty. */
    public void restart() {
        launch();
    }

    private void launch() {
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            process = new ProcessBuilder(List.of("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
                    "--save", "", "--appendonly", "no"))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start redis-server (is it on the PATH? Debian: apt-get install redis-server)", e);
        }
        LocalServers.awaitReady(process, this::answersPing, START_WAIT, "redis-server did not answer on port " + port + "; see " + log);
    }

    private boolean answersPing() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            socket.setSoTimeout(1_000);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readNBytes(5), StandardCharsets.US_ASCII).equals("+PONG");
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
