package io.payonce.config;

import java.io.IOException;
import java.io.UncheckedIOException;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The system of record: the PostgreSQL named by {@code payonce.db.url}, or, when none is named,
 * a real PostgreSQL 17 started in-process (zonky) so that one command runs the whole service.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfig {

    private static final Logger log = LoggerFactory.getLogger(DatabaseConfig.class);

    @Bean(destroyMethod = "close")
    EmbeddedDatabase embeddedDatabase(PayonceProperties properties) {
        if (!properties.db().embedded()) {
            return EmbeddedDatabase.none();
        }
        try {
            // Our own bean closes PostgreSQL after Spring has closed the pool; zonky's shutdown
            // hook would stop it first and make every JVM exit wait 30 s on dead connections.
            EmbeddedPostgres postgres = EmbeddedPostgres.builder().setRegisterShutdownHook(false).start();
            String url = postgres.getJdbcUrl("postgres", "postgres");
            log.info("Started embedded PostgreSQL on port {} (set PAYONCE_DB_URL to use your own)", postgres.getPort());
            return new EmbeddedDatabase(postgres, url);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL; set PAYONCE_DB_URL to use an external one", e);
        }
    }

    @Bean(destroyMethod = "close")
    HikariDataSource dataSource(PayonceProperties properties, EmbeddedDatabase embedded) {
        PayonceProperties.Db db = properties.db();
        HikariConfig config = new HikariConfig();
        config.setPoolName("payonce");
        config.setJdbcUrl(embedded.url() != null ? embedded.url() : jdbcUrl(db.url()));
        config.setUsername(embedded.url() != null ? "postgres" : db.username());
        config.setPassword(embedded.url() != null ? null : db.password());
        config.setMaximumPoolSize(db.poolSize());
        // A request never waits long for a connection: past this it fails fast with 503.
        config.setConnectionTimeout(5_000);
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        config.addDataSourceProperty("ApplicationName", "payonce");
        return new HikariDataSource(config);
    }

    /** Accepts the JDBC form and the libpq form (postgresql://user@host:port/db). */
    static String jdbcUrl(String url) {
        if (url.startsWith("jdbc:postgresql:")) {
            return url;
        }
        if (url.startsWith("postgresql://") || url.startsWith("postgres://")) {
            return "jdbc:postgresql://" + url.substring(url.indexOf("://") + 3);
        }
        throw new IllegalStateException("payonce.db.url (PAYONCE_DB_URL) must start with jdbc:postgresql: or postgresql://, got: "
                + url.replaceAll("//[^@/]*@", "//***@"));
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
