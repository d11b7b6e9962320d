package io.payonce.bench.target;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A fresh database for the bench's sandbox gateway, on the same PostgreSQL server as the service's. */
final class GatewayDatabase {

    /** {@code jdbc:postgresql://host:port/name?params}: the name is what changes. */
    private static final Pattern JDBC_URL = Pattern.compile("^(jdbc:postgresql://[^/]+/)([^?]*)(\\?.*)?$");

    private GatewayDatabase() {
    }

    /** Creates {@code payonce_bench_gateway_<random>} on the service database's server, with the same credentials. */
    static Database createBeside(Database service) {
        Matcher url = JDBC_URL.matcher(service.jdbcUrl());
        if (!url.matches()) {
            throw new IllegalStateException("Cannot place the sandbox gateway's database beside " + service.jdbcUrl());
        }
        String name = "payonce_bench_gateway_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection connection = DriverManager.getConnection(service.jdbcUrl(), service.user(), service.password());
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create the sandbox gateway's database beside the service's: " + e.getMessage(), e);
        }
        return new Database(renamed(service.jdbcUrl(), name), service.user(), service.password());
    }

    /** The same URL naming another database: for tests. */
    static String renamed(String jdbcUrl, String name) {
        Matcher url = JDBC_URL.matcher(jdbcUrl);
        if (!url.matches()) {
            throw new IllegalArgumentException("Not a jdbc:postgresql URL: " + jdbcUrl);
        }
        return url.group(1) + name + (url.group(3) == null ? "" : url.group(3));
    }
}
