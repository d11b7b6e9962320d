package io.payonce.gateway.config;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The gateway's own settings, PostgreSQL and schema. The pool is built here, not by Spring Boot's
 * {@code spring.datasource}, and migrated here from {@code classpath:db/sandbox-gateway} only, so
 * that in a JVM shared with the service neither application can reach the other's database or
 * run the other's migrations.
 */
@Configuration(proxyBeanMethods = false)
public class GatewayConfig {

    /** The migrations of the gateway's books, and nothing else. */
    public static final String MIGRATIONS = "classpath:db/sandbox-gateway";

    @Bean
    GatewaySettings gatewaySettings(Environment environment) {
        return GatewaySettings.from(environment);
    }

    @Bean
    Clock gatewayClock() {
        return Clock.systemUTC();
    }

    /** The pool, handed out only once the schema is current. */
    @Bean(destroyMethod = "close")
    HikariDataSource gatewayDataSource(GatewaySettings settings) {
        GatewaySettings.Db db = settings.db();
        HikariConfig config = new HikariConfig();
        config.setPoolName("sandbox-gateway");
        Connection connection = connection(db);
        config.setJdbcUrl(connection.jdbcUrl());
        config.setUsername(connection.username());
        config.setPassword(connection.password());
        config.setMaximumPoolSize(db.poolSize());
        // A call never waits long for a connection: past this it fails, as a busy gateway's would.
        config.setConnectionTimeout(5_000);
        config.addDataSourceProperty("ApplicationName", "payonce-sandbox-gateway");
        HikariDataSource dataSource = new HikariDataSource(config);
        try {
            Flyway.configure().dataSource(dataSource).locations(MIGRATIONS).load().migrate();
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
        return dataSource;
    }

    /**
     * Accepts the JDBC form and the libpq form ({@code postgresql://user:password@host:port/db}),
     * whose user and password become the connection's unless they are set on their own.
     */
    static Connection connection(GatewaySettings.Db db) {
        String url = db.url().trim();
        if (url.startsWith("jdbc:postgresql:")) {
            return new Connection(url, db.username(), db.password());
        }
        if (!url.startsWith("postgresql://") && !url.startsWith("postgres://")) {
            throw new IllegalStateException("payonce.gateway.db.url (PAYONCE_GATEWAY_DB_URL) must start with jdbc:postgresql: or "
                    + "postgresql://, got: " + url.replaceAll("//[^@/]*@", "//***@"));
        }
        URI uri = URI.create(url);
        String[] userInfo = uri.getRawUserInfo() == null ? new String[0] : uri.getRawUserInfo().split(":", 2);
        String user = userInfo.length > 0 ? decode(userInfo[0]) : db.username();
        String password = userInfo.length > 1 ? decode(userInfo[1]) : db.password();
        String hostPort = uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        return new Connection("jdbc:postgresql://" + hostPort + uri.getRawPath() + query, user, password);
    }

    private static String decode(String value) {
        return URLDecoder.decode(value, StandardCharsets.UTF_8);
    }

    /** Where and as whom to connect. */
    record Connection(String jdbcUrl, String username, String password) {
        @Override
        public String toString() {
            return "Connection[" + jdbcUrl + ", " + username + "]";
        }
    }
}
