package io.payonce.bench.target;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A PostgreSQL 17 of the bench's own (zonky's binaries) in a folder of its own, on a fixed port,
 * that a chaos run may restart: never the machine's shared PostgreSQL. Commits are durable as a
 * production database's are ({@code fsync} and {@code synchronous_commit} on; zonky turns the
 * second off by default), so "every acknowledged request durable" means what it says across the
 * restart.
 */
public final class PrivatePostgres implements AutoCloseable {

    /** Three instances with 16 connections each, the gateway's pool and the audit, with room to spare. */
    private static final String MAX_CONNECTIONS = "200";

    private final Path folder;
    private final int port;
    private volatile EmbeddedPostgres postgres;

    private PrivatePostgres(Path folder, int port) {
        this.folder = folder;
        this.port = port;
    }

    /** initdb into {@code folder} (emptied first) and start on a free port. */
    public static PrivatePostgres start(Path folder) {
        deleteRecursively(folder);
        EmbeddedService.quietEmbeddedPostgresLogs();
        PrivatePostgres database = new PrivatePostgres(folder, EmbeddedService.freePort());
        database.launch();
        return database;
    }

    public Database database() {
        return new Database("jdbc:postgresql://127.0.0.1:" + port + "/postgres", "postgres", null);
    }

    /** A fast shutdown (every session cut, the checkpoint written) and a start on the same folder and port. */
    public void restart() {
        stop();
        launch();
    }

    /** A fast shutdown: payonce's connections break until {@link #restart()} or a new start. */
    public void stop() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not stop the private PostgreSQL in " + folder, e);
        }
    }

    /** Starts it again after {@link #stop()}. */
    public void launch() {
        try {
            postgres = EmbeddedPostgres.builder().setRegisterShutdownHook(false)
                    .setDataDirectory(folder).setCleanDataDirectory(false).setPort(port)
                    .setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on").setServerConfig("max_connections", MAX_CONNECTIONS)
                    .setPGStartupWait(java.time.Duration.ofMinutes(2))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the private PostgreSQL in " + folder, e);
        }
    }

    @Override
    public void close() {
        stop();
        deleteRecursively(folder);
    }

    private static void deleteRecursively(Path folder) {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not empty " + folder, e);
        }
    }
}
