package io.payonce.bench.target;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** Where the service under test keeps its data: what the audit connects to. */
public record Database(String jdbcUrl, String user, String password) {

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, user, password == null || password.isEmpty() ? null : password);
    }

    /** Accepts the JDBC form and the libpq form (postgresql://user@host:port/db), like the service. */
    public static Database parse(String url, String user, String password) {
        if (url.startsWith("jdbc:postgresql:")) {
            return new Database(url, user, password);
        }
        if (url.startsWith("postgresql://") || url.startsWith("postgres://")) {
            return new Database("jdbc:postgresql://" + url.substring(url.indexOf("://") + 3), user, password);
        }
        throw new IllegalArgumentException("--db-url must start with jdbc:postgresql: or postgresql://");
    }
}
