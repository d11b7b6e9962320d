package io.payonce.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;

import io.payonce.bench.target.EmbeddedService;
import io.payonce.bench.target.GatewayKill;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Which sandbox gateway a bench run pays through, from its options. */
class BenchGatewayOptionsTest {

    private static EmbeddedService.Gateway gateway(String... args) {
        BenchCommand command = new BenchCommand();
        new CommandLine(command).parseArgs(args);
        return command.gateway();
    }

    @Test
    void an_embedded_service_gets_a_gateway_of_its_own_by_default() {
        assertThat(gateway("--scenario", "faults")).isEqualTo(EmbeddedService.Gateway.CHILD);
    }

    @Test
    void a_gateway_url_names_one_already_running() {
        assertThat(gateway("--scenario", "faults", "--gateway-url", "http://127.0.0.1:9090"))
                .isEqualTo(EmbeddedService.Gateway.external(URI.create("http://127.0.0.1:9090")));
    }

    @Test
    void no_gateway_or_a_remote_target_without_one_keeps_the_services_own_simulator() {
        assertThat(gateway("--scenario", "faults", "--no-gateway")).isEqualTo(EmbeddedService.Gateway.NONE);
        assertThat(gateway("--scenario", "faults", "--target", "http://10.0.0.5:8080")).isEqualTo(EmbeddedService.Gateway.NONE);
    }

    @Test
    void no_gateway_and_a_gateway_url_together_are_refused() {
        assertThatThrownBy(() -> gateway("--scenario", "faults", "--no-gateway", "--gateway-url", "http://127.0.0.1:9090"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("exclude each other");
    }

    private static GatewayKill.Plan kill(String... args) {
        BenchCommand command = new BenchCommand();
        new CommandLine(command).parseArgs(args);
        return command.gatewayKill();
    }

    @Test
    void the_gateway_is_killed_only_when_asked_and_only_the_one_the_bench_starts() {
        assertThat(kill("--scenario", "faults").enabled()).isFalse();
        assertThat(kill("--scenario", "faults", "--kill-gateway-after", "10", "--gateway-down", "2"))
                .isEqualTo(new GatewayKill.Plan(Duration.ofSeconds(10), Duration.ofSeconds(2)));
        assertThatThrownBy(() -> kill("--scenario", "faults", "--kill-gateway-after", "10", "--gateway-url", "http://127.0.0.1:9090"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("starts itself");
        assertThatThrownBy(() -> kill("--scenario", "faults", "--kill-gateway-after", "-1"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
