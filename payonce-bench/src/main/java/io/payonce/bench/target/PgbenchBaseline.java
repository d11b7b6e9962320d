package io.payonce.bench.target;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * pgbench running the SQL of one payment (an idempotency row, an order update, a ledger row; 16
 * clients, prepared statements) on the service's own database right after the load: what the same
 * PostgreSQL on the same machine does without payonce, so a figure is read as a ratio measured in
 * one run rather than an absolute number on a shared, noisy machine.
 */
public final class PgbenchBaseline {

    /** What was run and what it gave. */
    public record Result(int clients, double seconds, double tps, String command) {
    }

    /** Whether to run it, and for how long. */
    public record Plan(boolean enabled, int clients, Duration duration) {
        public static final Plan NONE = new Plan(false, 16, Duration.ZERO);
    }

    private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+)");

    /** Orders the script updates at random: enough that two clients rarely wait on one row, as in the bench. */
    private static final int ORDERS = 100_000;

    private PgbenchBaseline() {
    }

    /** Runs pgbench against {@code database} for the plan's duration; creates and then drops its own schema. */
    public static Result run(Plan plan, Database database, Path out) throws IOException, InterruptedException, SQLException {
        Path script = out.resolve("baseline.sql");
        try (InputStream in = PgbenchBaseline.class.getResourceAsStream("/bench/baseline.sql")) {
            Files.write(script, in.readAllBytes());
        }
        createSchema(database);
        try {
            List<String> command = command(plan, database, script);
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(out.resolve("pgbench.txt").toFile());
            if (database.password() != null && !database.password().isEmpty()) {
                builder.environment().put("PGPASSWORD", database.password());
            }
            int exit = builder.start().waitFor();
            String output = Files.readString(out.resolve("pgbench.txt"), StandardCharsets.UTF_8);
            Matcher tps = TPS.matcher(output);
            if (exit != 0 || !tps.find()) {
                throw new IllegalStateException("pgbench failed (exit " + exit + "); see " + out.resolve("pgbench.txt"));
            }
            return new Result(plan.clients(), plan.duration().toSeconds(), Double.parseDouble(tps.group(1)), String.join(" ", command));
        } finally {
            dropSchema(database);
        }
    }

    static List<String> command(Plan plan, Database database, Path script) {
        URI url = URI.create(database.jdbcUrl().substring("jdbc:".length()));
        List<String> command = new ArrayList<>(List.of("pgbench", "-n", "-M", "prepared", "-c", Integer.toString(plan.clients()),
                "-j", "2", "-T", Long.toString(Math.max(1, plan.duration().toSeconds())), "-f", script.toString(),
                "-h", url.getHost() == null ? "127.0.0.1" : url.getHost(), "-p", Integer.toString(url.getPort() < 0 ? 5432 : url.getPort())));
        if (database.user() != null) {
            command.addAll(List.of("-U", database.user()));
        }
        command.add(url.getPath().substring(1));
        return command;
    }

    private static void createSchema(Database database) throws SQLException {
        try (Connection connection = database.connect(); Statement sql = connection.createStatement()) {
            sql.execute("DROP SCHEMA IF EXISTS payonce_baseline CASCADE");
            sql.execute("CREATE SCHEMA payonce_baseline");
            sql.execute("""
                    CREATE TABLE payonce_baseline.idempotency_keys (idem_key text PRIMARY KEY, fingerprint bytea NOT NULL,
                        state text NOT NULL, created_at timestamptz NOT NULL)""");
            sql.execute("""
                    CREATE TABLE payonce_baseline.orders (id bigint PRIMARY KEY, status text NOT NULL, amount_minor bigint NOT NULL,
                        updated_at timestamptz NOT NULL)""");
            sql.execute(String.format(Locale.ROOT, """
                    INSERT INTO payonce_baseline.orders SELECT g, 'PENDING', 1999, now() FROM generate_series(1, %d) g""", ORDERS));
            sql.execute("""
                    CREATE TABLE payonce_baseline.ledger (id bigserial PRIMARY KEY, order_id bigint NOT NULL,
                        amount_minor bigint NOT NULL, created_at timestamptz NOT NULL)""");
        }
    }

    private static void dropSchema(Database database) throws SQLException {
        try (Connection connection = database.connect(); Statement sql = connection.createStatement()) {
            sql.execute("DROP SCHEMA IF EXISTS payonce_baseline CASCADE");
        }
    }
}
