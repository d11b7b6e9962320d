package io.payonce.config;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where {@code payonce serve} keeps what must outlive it when it runs its own PostgreSQL: the
 * database files ({@code postgres/}) and the card-key encryption keys ({@code card-keys/}). Both
 * belong together: a backup of one without the other cannot be read.
 *
 * @param dir       the folder ({@code PAYONCE_DATA_DIR}); created on first start
 * @param ephemeral {@code true} for {@code serve --ephemeral}: a throwaway temporary database and key,
 *                  nothing kept, fsync off; for demos only
 */
@ConfigurationProperties("payonce.data")
public record DataFolder(String dir, boolean ephemeral) {

    /** The default when {@code PAYONCE_DATA_DIR} is not set, relative to the working directory. */
    public static final String DEFAULT_DIR = "./payonce-data";

    public DataFolder {
        dir = dir == null || dir.isBlank() ? DEFAULT_DIR : dir.strip();
    }

    public Path root() {
        return Path.of(dir).toAbsolutePath().normalize();
    }

    /** PostgreSQL's own data directory (PGDATA). */
    public Path postgres() {
        return root().resolve("postgres");
    }

    /** The card-key encryption keys, one file per version. */
    public Path cardKeys() {
        return root().resolve("card-keys");
    }
}
