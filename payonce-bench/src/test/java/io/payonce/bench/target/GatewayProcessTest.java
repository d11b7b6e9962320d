package io.payonce.bench.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;

import io.payonce.gateway.SandboxGatewayApplication;
import org.junit.jupiter.api.Test;

class GatewayProcessTest {

    private static final Path DATA = Path.of("/tmp/gw");
    private static final Database DB = new Database("jdbc:postgresql://127.0.0.1:5432/gw", "postgres", "secret-pw");

    @Test
    void from_the_executable_jar_it_runs_the_gateway_command_of_the_same_jar_watching_its_parent() {
        List<String> command = GatewayProcess.command(new GatewayProcess.Launch(DATA, 9090, true, null, List.of("payonce.gateway.autopay-ms=5")),
                9090, new GatewayProcess.JavaLaunch("/jdk/bin/java", "/opt/payonce.jar", "/opt/payonce.jar", false));

        assertThat(command).containsExactly("/jdk/bin/java", "-Xmx256m", "-jar", "/opt/payonce.jar", "gateway", "--port", "9090",
                "--data", "/tmp/gw", "--exit-with-parent", "--ephemeral", "--payonce.gateway.autopay-ms=5");
    }

    @Test
    void with_the_cli_on_the_class_path_it_runs_its_gateway_command_on_the_given_database_without_its_password() {
        List<String> command = GatewayProcess.command(new GatewayProcess.Launch(DATA, 9091, false, DB, List.of()), 9091,
                new GatewayProcess.JavaLaunch("java", null, "a.jar:b.jar", true));

        assertThat(command).containsSubsequence("-cp", "a.jar:b.jar", "io.payonce.cli.PayonceCommand", "gateway", "--port", "9091")
                .containsSubsequence("--db-url", DB.jdbcUrl(), "--db-user", "postgres")
                .doesNotContain("--ephemeral").noneMatch(argument -> argument.contains("secret-pw"));
    }

    @Test
    void without_the_cli_it_runs_the_gateway_application_on_the_given_database_watching_this_jvm() {
        List<String> command = GatewayProcess.command(new GatewayProcess.Launch(DATA, 9092, false, DB, List.of()), 9092,
                new GatewayProcess.JavaLaunch("java", null, "classes:lib.jar", false));

        assertThat(command).containsSubsequence("-cp", "classes:lib.jar", SandboxGatewayApplication.class.getName())
                .contains("--server.port=9092", "--payonce.gateway.data-dir=/tmp/gw", "--payonce.gateway.db.url=" + DB.jdbcUrl(),
                        "--payonce.gateway.db.username=postgres", "--payonce.gateway.parent-pid=" + ProcessHandle.current().pid())
                .noneMatch(argument -> argument.contains("secret-pw"));
    }

    @Test
    void without_the_cli_and_without_a_database_it_refuses_to_start() {
        assertThatThrownBy(() -> GatewayProcess.command(GatewayProcess.Launch.of(DATA), 9093,
                new GatewayProcess.JavaLaunch("java", null, "classes", false)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("needs a database");
    }

    @Test
    void the_gateways_database_sits_beside_the_services_under_another_name() {
        assertThat(GatewayDatabase.renamed("jdbc:postgresql://127.0.0.1:5432/payonce?ssl=false", "gw"))
                .isEqualTo("jdbc:postgresql://127.0.0.1:5432/gw?ssl=false");
        assertThat(GatewayDatabase.renamed("jdbc:postgresql://localhost:40000/postgres", "gw")).isEqualTo("jdbc:postgresql://localhost:40000/gw");
        assertThatThrownBy(() -> GatewayDatabase.renamed("postgresql://x/y", "gw")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void an_external_gateway_cannot_be_killed_by_the_bench() {
        SandboxGateway external = SandboxGateway.external(java.net.URI.create("http://127.0.0.1:9090"));

        assertThat(external.url("/sandbox/alipay/faults")).isEqualTo("http://127.0.0.1:9090/sandbox/alipay/faults");
        assertThatThrownBy(external::kill).isInstanceOf(IllegalStateException.class).hasMessageContaining("not started by the bench");
    }
}
