package io.payonce.gateway.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A fresh, empty database on the machine's PostgreSQL (127.0.0.1:5432, or PAYONCE_TEST_PG_HOST,
 * _PORT, _USER) for one test context of the gateway, dropped when the test JVM exits. Never H2:
 * the books rely on PostgreSQL's locking.
 */
public final class GatewayTestDatabase {

    private static final String HOST = System.getenv().getOrDefault("PAYONCE_TEST_PG_HOST", "127.0.0.1");
    private static final String PORT = System.getenv().getOrDefault("PAYONCE_TEST_PG_PORT", "5432");
    private static final String USER = System.getenv().getOrDefault("PAYONCE_TEST_PG_USER", "postgres");
    private static final String ADMIN_URL = "jdbc:postgresql://" + HOST + ":" + PORT + "/postgres";
    private static final List<String> CREATED = new ArrayList<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(GatewayTestDatabase::dropCreated, "drop-gateway-test-databases"));
    }

    private GatewayTestDatabase() {
    }

    /** Creates a new database and returns its JDBC URL (user {@link #user()}, no password). */
    public static synchronized String createDatabase() {
        String name = "payonce_gw_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection connection = DriverManager.getConnection(ADMIN_URL, USER, null);
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create a test database at " + ADMIN_URL, e);
        }
        CREATED.add(name);
        return "jdbc:postgresql://" + HOST + ":" + PORT + "/" + name;
    }

    public static String user() {
        return USER;
    }

    private static synchronized void dropCreated() {
        for (String name : CREATED) {
            try (Connection connection = DriverManager.getConnection(ADMIN_URL, USER, null);
                 Statement statement = connection.createStatement()) {
                statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            } catch (SQLException e) {
                // The server may be gone; nothing to clean then.
            }
        }
    }
}
