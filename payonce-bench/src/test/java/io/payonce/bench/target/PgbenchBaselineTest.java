package io.payonce.bench.target;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;

class PgbenchBaselineTest {

    @Test
    void pgbench_is_pointed_at_the_services_own_database_with_prepared_statements() {
        var plan = new PgbenchBaseline.Plan(true, 16, Duration.ofSeconds(20));
        var database = new Database("jdbc:postgresql://127.0.0.1:54321/shop?sslmode=disable", "bench", null);

        assertThat(PgbenchBaseline.command(plan, database, Path.of("/tmp/b.sql"))).containsExactly(
                "pgbench", "-n", "-M", "prepared", "-c", "16", "-j", "2", "-T", "20", "-f", "/tmp/b.sql",
                "-h", "127.0.0.1", "-p", "54321", "-U", "bench", "shop");
    }

    @Test
    void the_default_port_is_postgresqls() {
        var plan = new PgbenchBaseline.Plan(true, 4, Duration.ofSeconds(5));

        assertThat(PgbenchBaseline.command(plan, new Database("jdbc:postgresql://db.local/payonce", "postgres", ""), Path.of("s.sql")))
                .containsSequence("-h", "db.local", "-p", "5432", "-U", "postgres", "payonce");
    }
}
