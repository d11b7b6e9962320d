package io.payonce.bench.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Copied from payonce-service test sources (io.payonce.support.TestDatabase) so this module needs no test-jar.
 *
 * A fresh, empty PostgreSQL database for one Spring test context: on the machine's PostgreSQL
 * (127.0.0.1:5432, or PAYONCE_TEST_PG_HOST/PORT) when one answers, else on an embedded
 * PostgreSQL 17 started once per test JVM. Never H2, never a mock: locking must be real.
 */
public final class TestDatabase {

    private static final String HOST = System.getenv().getOrDefault("PAYONCE_TEST_PG_HOST", "127.0.0.1");
    private static final int PORT = Integer.parseInt(System.getenv().getOrDefault("PAYONCE_TEST_PG_PORT", "5432"));
    private static final String USER = System.getenv().getOrDefault("PAYONCE_TEST_PG_USER", "postgres");
    private static EmbeddedPostgres embedded;
    private static final java.util.List<String[]> CREATED = new java.util.ArrayList<>();

    static {
        // Test databases live as long as the test JVM: dropped at its exit, whoever still holds them.
        Runtime.getRuntime().addShutdownHook(new Thread(TestDatabase::dropCreated, "drop-test-databases"));
    }

    private TestDatabase() {
    }

    /** Creates a new database and returns its JDBC URL (user {@link #user()}, no password). */
    public static synchronized String createDatabase() {
        String name = "payonce_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String adminUrl = reachable(HOST, PORT) ? "jdbc:postgresql://" + HOST + ":" + PORT + "/postgres" : embeddedAdminUrl();
        try (Connection connection = DriverManager.getConnection(adminUrl, USER, null);
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create test database at " + adminUrl, e);
        }
        CREATED.add(new String[] {adminUrl, name});
        return adminUrl.substring(0, adminUrl.lastIndexOf('/') + 1) + name;
    }

    private static synchronized void dropCreated() {
        for (String[] created : CREATED) {
            try (Connection connection = DriverManager.getConnection(created[0], USER, null);
                 Statement statement = connection.createStatement()) {
                statement.execute("DROP DATABASE IF EXISTS " + created[1] + " WITH (FORCE)");
            } catch (SQLException e) {
                // The server may be gone (an embedded one stops with the JVM); nothing to clean then.
            }
        }
    }

    public static String user() {
        return USER;
    }

    private static String embeddedAdminUrl() {
        try {
            if (embedded == null) {
                embedded = EmbeddedPostgres.builder().setRegisterShutdownHook(true).start();
            }
            return "jdbc:postgresql://localhost:" + embedded.getPort() + "/postgres";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean reachable(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
