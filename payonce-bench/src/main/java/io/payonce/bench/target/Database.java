package io.payonce.bench.target;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** Where the service under test keeps its data: what the audit connects to. */
public record Database(String jdbcUrl, String user, String password) {

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, user, password == null || password.isEmpty() ? null : password);
    }

    /**
     * Accepts the JDBC form and the libpq form ({@code postgresql://user:password@host:port/db}),
     * like the service. A user or password in a libpq URL wins over {@code user} and
     * {@code password}: the JDBC driver reads no user from the host part, and handed
     * {@code user@host} as the host it fails to connect at all.
     */
    public static Database parse(String url, String user, String password) {
        if (url.startsWith("jdbc:postgresql:")) {
            return new Database(url, user, password);
        }
        if (url.startsWith("postgresql://") || url.startsWith("postgres://")) {
            String rest = url.substring(url.indexOf("://") + 3);
            int slash = rest.indexOf('/');
            int at = rest.lastIndexOf('@', slash < 0 ? rest.length() - 1 : slash);
            if (at < 0) {
                return new Database("jdbc:postgresql://" + rest, user, password);
            }
            String userInfo = rest.substring(0, at);
            int colon = userInfo.indexOf(':');
            String urlUser = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
            String urlPassword = colon < 0 ? null : decode(userInfo.substring(colon + 1));
            return new Database("jdbc:postgresql://" + rest.substring(at + 1), urlUser.isEmpty() ? user : urlUser,
                    urlPassword != null ? urlPassword : password);
        }
        throw new IllegalArgumentException("--db-url must start with jdbc:postgresql: or postgresql://");
    }

    private static String decode(String part) {
        return java.net.URLDecoder.decode(part.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
    }
}
