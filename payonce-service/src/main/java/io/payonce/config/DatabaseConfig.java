package io.payonce.config;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The system of record: the PostgreSQL named by {@code payonce.db.url}, or, when none is named,
 * a real PostgreSQL 17 started by the service (zonky) so that one command runs the whole service:
 * durable in the data folder by default, throwaway with {@code --ephemeral}.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfig {

    @Bean(destroyMethod = "close")
    EmbeddedDatabase embeddedDatabase(PayonceProperties properties, DataFolder dataFolder) {
        if (!properties.db().embedded()) {
            return EmbeddedDatabase.none();
        }
        // Our own bean closes PostgreSQL after Spring has closed the pool; zonky's shutdown hook
        // would stop it first and make every JVM exit wait 30 s on dead connections.
        EmbeddedPostgres postgres = dataFolder.ephemeral()
                ? EmbeddedPostgresLauncher.ephemeral()
                : EmbeddedPostgresLauncher.durable(dataFolder.postgres());
        return new EmbeddedDatabase(postgres, postgres.getJdbcUrl("postgres", "postgres"));
    }

    @Bean(destroyMethod = "close")
    HikariDataSource dataSource(PayonceProperties properties, EmbeddedDatabase embedded) {
        PayonceProperties.Db db = properties.db();
        HikariConfig config = new HikariConfig();
        config.setPoolName("payonce");
        Connection connection = embedded.url() != null
                ? new Connection(embedded.url(), "postgres", null)
                : connection(db);
        config.setJdbcUrl(connection.jdbcUrl());
        config.setUsername(connection.username());
        config.setPassword(connection.password());
        config.setMaximumPoolSize(db.poolSize());
        // A request never waits long for a connection: past this it fails fast with 503.
        config.setConnectionTimeout(5_000);
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        config.addDataSourceProperty("ApplicationName", "payonce");
        return new HikariDataSource(config);
    }

    /**
     * Accepts the JDBC form and the libpq form ({@code postgresql://user:password@host:port/db}),
     * whose user and password become the connection's unless they are set on their own.
     */
    static Connection connection(PayonceProperties.Db db) {
        String url = db.url().trim();
        if (url.startsWith("jdbc:postgresql:")) {
            return new Connection(url, db.username(), db.password());
        }
        if (!url.startsWith("postgresql://") && !url.startsWith("postgres://")) {
            throw new IllegalStateException("payonce.db.url (PAYONCE_DB_URL) must start with jdbc:postgresql: or postgresql://, got: "
                    + url.replaceAll("//[^@/]*@", "//***@"));
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
    }

    /** The embedded PostgreSQL, when there is one. */
    record EmbeddedDatabase(EmbeddedPostgres postgres, String url) implements AutoCloseable {
        static EmbeddedDatabase none() {
            return new EmbeddedDatabase(null, null);
        }

        @Override
        public void close() throws IOException {
            if (postgres != null) {
                postgres.close();
            }
        }
    }
}
