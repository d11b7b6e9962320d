package io.payonce.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded PostgreSQL of {@code payonce serve}: by default in its data folder, initialised
 * once, reused at every start and durable (fsync and synchronous commit on); with
 * {@code --ephemeral} in a temporary folder with zonky's fast, non-durable test settings. Either
 * way it never outlives its service.
 *
 * <p>A service killed with {@code kill -9} runs no shutdown code, so two things stand in for it:
 * a watchdog process that stops PostgreSQL once the JVM is gone, and, at the next start, a check
 * that stops a PostgreSQL still running on the folder when no live payonce holds it.
 */
final class EmbeddedPostgresLauncher {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresLauncher.class);
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");
    /** zonky's own lock file in the data directory, held by the JVM that runs the database. */
    private static final String OWNER_LOCK = "epg-lock";
    /** Crash recovery after a kill replays the WAL since the last checkpoint: minutes at worst, not zonky's 10 s. */
    private static final Duration STARTUP_WAIT = Duration.ofMinutes(5);
    /** A stale PostgreSQL with no clients left stops in a second or two; past this a client still holds it. */
    private static final Duration STALE_STOP_WAIT = Duration.ofSeconds(60);

    private EmbeddedPostgresLauncher() {
    }

    /** Starts PostgreSQL on {@code dataDirectory}, creating the cluster only when the folder is new. */
    static EmbeddedPostgres durable(Path dataDirectory) {
        try {
            // The data folder holds the card-key keys too: nobody else may list or enter it.
            Files.createDirectories(dataDirectory, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            // zonky runs initdb when postgresql.conf is missing, and initdb wants an empty folder:
            // nothing of ours may be written into a new one first.
            boolean fresh = !Files.exists(dataDirectory.resolve("postgresql.conf"));
            if (!fresh) {
                stopStalePostmaster(dataDirectory);
            }
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    // zonky passes -F (fsync off) and synchronous_commit=off for tests; the later -c wins.
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on")
                    .setPGStartupWait(STARTUP_WAIT)
                    // Our bean closes PostgreSQL after Spring has closed the pool (see DatabaseConfig).
                    .setRegisterShutdownHook(false)
                    .start();
            startWatchdog(dataDirectory, false);
            log.info("{} embedded PostgreSQL in {} on 127.0.0.1:{} (user postgres), fsync on, synchronous_commit on",
                    fresh ? "Created" : "Reopened", dataDirectory, postgres.getPort());
            return postgres;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + dataDirectory
                    + " (payonce.data.dir, PAYONCE_DATA_DIR); set PAYONCE_DB_URL to use an external one", e);
        }
    }

    /**
     * A throwaway PostgreSQL in a new temporary folder, with zonky's test settings (fsync and
     * synchronous commit off), deleted at close, or by the watchdog after a kill.
     */
    static EmbeddedPostgres ephemeral() {
        try {
            Path dataDirectory = Files.createTempDirectory("payonce-ephemeral-");
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(true)
                    .setRegisterShutdownHook(false)
                    .start();
            startWatchdog(dataDirectory, true);
            log.warn("--ephemeral: embedded PostgreSQL on 127.0.0.1:{} in {}, with fsync off and synchronous_commit off: everything "
                    + "is deleted at exit, and a crash may lose acknowledged writes. For demos only.", postgres.getPort(), dataDirectory);
            return postgres;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL; set PAYONCE_DB_URL to use an external one", e);
        }
    }

    /**
     * A PostgreSQL still running on the folder after its payonce was killed is stopped (a fast
     * shutdown: its clients are gone with their JVM). A folder some live payonce holds is refused.
     */
    static void stopStalePostmaster(Path dataDirectory) throws IOException {
        try (FileChannel channel = FileChannel.open(dataDirectory.resolve(OWNER_LOCK),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock lock = tryLock(channel)) {
            if (lock == null) {
                throw new IllegalStateException("payonce.data.dir (PAYONCE_DATA_DIR): " + dataDirectory.getParent()
                        + " is in use by another running payonce; stop it or give this one another folder");
            }
            Optional<ProcessHandle> stale = postmasterPid(dataDirectory).flatMap(ProcessHandle::of)
                    .filter(ProcessHandle::isAlive)
                    .filter(process -> process.info().command().map(command -> command.endsWith("postgres")).orElse(false));
            if (stale.isPresent()) {
                stop(stale.get(), dataDirectory);
            }
        }
    }

    /** Null when another process, or this JVM, holds the lock. */
    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException heldByThisJvm) {
            return null;
        }
    }

    private static void stop(ProcessHandle postmaster, Path dataDirectory) throws IOException {
        log.warn("PostgreSQL (pid {}) is still running on {} without its payonce (killed?); stopping it before starting again",
                postmaster.pid(), dataDirectory);
        signal("INT", postmaster.pid());
        try {
            postmaster.onExit().get(STALE_STOP_WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException | ExecutionException e) {
            throw new IllegalStateException("payonce.data.dir (PAYONCE_DATA_DIR): the PostgreSQL left running on " + dataDirectory
                    + " (pid " + postmaster.pid() + ") did not stop within " + STALE_STOP_WAIT.toSeconds()
                    + " s; stop it (pg_ctl stop -D " + dataDirectory + " -m fast) and start payonce again", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while stopping the stale PostgreSQL on " + dataDirectory, e);
        }
    }

    /** SIGINT is PostgreSQL's fast shutdown: sessions are ended and in-flight transactions rolled back. */
    private static void signal(String signal, long pid) throws IOException {
        try {
            new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start().waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * A shell that waits for this JVM to end, then fast-stops the PostgreSQL it started, unless a
     * newer postmaster has taken the folder since (its pid in postmaster.pid is then another), and
     * for an ephemeral folder removes it once PostgreSQL is gone. Once a second is how long an
     * orphan may outlive a killed service; the loop costs nothing meanwhile. After a normal stop it
     * finds no postmaster.pid (or another pid) and ends with the JVM, doing nothing.
     */
    private static void startWatchdog(Path dataDirectory, boolean deleteAfter) throws IOException {
        long postmasterPid = postmasterPid(dataDirectory).orElseThrow(
                () -> new IllegalStateException("PostgreSQL started but wrote no postmaster.pid in " + dataDirectory));
        String script = """
                while kill -0 "$1" 2>/dev/null; do sleep 1; done
                if [ "$(head -n 1 "$2/postmaster.pid" 2>/dev/null)" = "$3" ]; then
                  kill -INT "$3"
                  while kill -0 "$3" 2>/dev/null; do sleep 1; done
                  if [ "$4" = delete ]; then rm -rf "$2"; fi
                fi
                """;
        new ProcessBuilder(List.of("sh", "-c", script, "payonce-postgres-watchdog",
                Long.toString(ProcessHandle.current().pid()), dataDirectory.toString(), Long.toString(postmasterPid),
                deleteAfter ? "delete" : "keep"))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
    }

    /** The postmaster's pid: the first line of postmaster.pid, when the file is there and readable. */
    static Optional<Long> postmasterPid(Path dataDirectory) {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        try {
            List<String> lines = Files.exists(pidFile) ? Files.readAllLines(pidFile) : List.of();
            return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.getFirst().strip()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}
