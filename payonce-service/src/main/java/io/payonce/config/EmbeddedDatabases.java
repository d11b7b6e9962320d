package io.payonce.config;

import java.nio.file.Path;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The embedded PostgreSQL of {@code payonce serve}, for the other commands that run a database of
 * their own ({@code payonce gateway}): the same durable or throwaway cluster, the same watchdog
 * that stops it once the JVM that started it is gone. The caller closes it after its pool.
 */
public final class EmbeddedDatabases {

    private EmbeddedDatabases() {
    }

    /** PostgreSQL on {@code dataDirectory}, made there on the first start, fsync and synchronous commit on. */
    public static EmbeddedPostgres durable(Path dataDirectory) {
        return EmbeddedPostgresLauncher.durable(dataDirectory);
    }

    /** A throwaway PostgreSQL in a temporary folder, deleted at close (demos and tests only). */
    public static EmbeddedPostgres ephemeral() {
        return EmbeddedPostgresLauncher.ephemeral();
    }
}
