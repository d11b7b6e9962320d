package io.payonce.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.payonce.bench.target.Chaos;
import io.payonce.bench.target.Cluster;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The bench's own cluster (--instances) and the faults of --scenario chaos, from the options. */
class BenchClusterOptionsTest {

    private static BenchCommand parse(String... args) {
        BenchCommand command = new BenchCommand();
        new CommandLine(command).parseArgs(args);
        return command;
    }

    private static Cluster.Options cluster(String... args) {
        BenchCommand command = parse(args);
        return command.cluster(command.settings());
    }

    private static Chaos.Plan chaos(String... args) {
        BenchCommand command = parse(args);
        return command.chaos(command.cluster(command.settings()));
    }

    @Test
    void without_instances_the_bench_runs_one_service_as_before() {
        assertThat(cluster("--scenario", "flash-sale")).isNull();
    }

    @Test
    void instances_start_a_cluster_with_a_private_redis_and_database_by_default() {
        Cluster.Options options = cluster("--scenario", "flash-sale", "--instances", "3", "--out", "x");

        assertThat(options.instances()).isEqualTo(3);
        assertThat(options.privateRedis()).isTrue();
        assertThat(options.redisUrl()).isNull();
        assertThat(options.database()).isNull();
        assertThat(options.folder()).isEqualTo(Path.of("x", "cluster"));
    }

    @Test
    void a_redis_url_is_shared_and_none_means_no_redis() {
        assertThat(cluster("--scenario", "flash-sale", "--instances", "2", "--redis-url", "redis://10.0.0.9:6379").redisUrl())
                .isEqualTo("redis://10.0.0.9:6379");
        Cluster.Options none = cluster("--scenario", "flash-sale", "--instances", "2", "--redis-url", "none");
        assertThat(none.redisUrl()).isNull();
        assertThat(none.privateRedis()).isFalse();
    }

    @Test
    void a_cluster_excludes_a_target_and_a_gateway_of_someone_else() {
        assertThatThrownBy(() -> cluster("--scenario", "flash-sale", "--instances", "3", "--target", "http://127.0.0.1:8080",
                "--admin-token", "t"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("excludes --target");
        assertThatThrownBy(() -> cluster("--scenario", "flash-sale", "--instances", "3", "--gateway-url", "http://127.0.0.1:9090"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> cluster("--scenario", "flash-sale", "--instances", "9"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 to 8");
        assertThatThrownBy(() -> cluster("--scenario", "flash-sale", "--instances", "0"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 to 8");
    }

    @Test
    void chaos_breaks_three_instances_by_default_redis_then_postgres_then_the_broker_then_an_instance() {
        assertThat(cluster("--scenario", "chaos").instances()).isEqualTo(3);
        assertThat(cluster("--scenario", "chaos").privateBroker()).isTrue();
        assertThat(cluster("--scenario", "mixed", "--instances", "3").privateBroker()).isFalse();
        assertThat(cluster("--scenario", "mixed", "--instances", "3", "--broker", "own").privateBroker()).isTrue();
        assertThat(chaos("--scenario", "chaos")).isEqualTo(new Chaos.Plan(
                List.of(Chaos.Fault.REDIS, Chaos.Fault.POSTGRES, Chaos.Fault.BROKER, Chaos.Fault.KILL),
                Duration.ofSeconds(8), Duration.ofSeconds(3), Duration.ofSeconds(5)));
        assertThat(chaos("--scenario", "mixed", "--instances", "3").enabled()).isFalse();
    }

    @Test
    void chaos_never_stops_a_redis_postgres_or_broker_the_bench_did_not_start() {
        assertThatThrownBy(() -> chaos("--scenario", "chaos", "--redis-url", "redis://127.0.0.1:6379"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("leave out --redis-url");
        assertThatThrownBy(() -> chaos("--scenario", "chaos", "--db-url", "postgresql://postgres@127.0.0.1:5432/payonce"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("leave out --db-url");
        assertThatThrownBy(() -> chaos("--scenario", "chaos", "--broker", "none"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("leave out --broker none");
        assertThatThrownBy(() -> cluster("--scenario", "chaos", "--broker", "rabbit://elsewhere"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("own or none");
        assertThat(chaos("--scenario", "chaos", "--chaos-faults", "kill", "--redis-url", "redis://127.0.0.1:6379",
                "--db-url", "postgresql://postgres@127.0.0.1:5432/payonce").faults()).containsExactly(Chaos.Fault.KILL);
    }

    @Test
    void an_unknown_fault_or_a_negative_time_is_refused() {
        assertThatThrownBy(() -> chaos("--scenario", "chaos", "--chaos-faults", "redis,network"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not network");
        assertThatThrownBy(() -> chaos("--scenario", "chaos", "--chaos-down", "-1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must not be negative");
    }
}
