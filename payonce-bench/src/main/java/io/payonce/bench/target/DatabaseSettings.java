package io.payonce.bench.target;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/**
 * What a figure measured against a database depends on: its PostgreSQL version and whether a
 * commit waits for the disk ({@code fsync}, {@code synchronous_commit}). Read from the database
 * itself, so a summary cannot claim a durability the run did not have.
 */
public record DatabaseSettings(String version, String fsync, String synchronousCommit) {

    /** The settings of {@code database}; empty when the harness was not told where it is or cannot read them. */
    public static Optional<DatabaseSettings> of(Database database) {
        if (database == null) {
            return Optional.empty();
        }
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            return Optional.of(new DatabaseSettings(show(statement, "server_version"), show(statement, "fsync"),
                    show(statement, "synchronous_commit")));
        } catch (SQLException e) {
            return Optional.empty();
        }
    }

    /** Whether an acknowledged commit was on disk: fsync on and synchronous_commit not off. */
    public boolean durable() {
        return "on".equals(fsync) && !"off".equals(synchronousCommit);
    }

    private static String show(Statement statement, String setting) throws SQLException {
        try (ResultSet rows = statement.executeQuery("SHOW " + setting)) {
            rows.next();
            return rows.getString(1);
        }
    }
}
