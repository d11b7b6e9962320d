package io.payonce.bench.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class GatewayKillTest {

    @Test
    void without_a_plan_nothing_is_killed_even_without_a_gateway() throws Exception {
        List<String> said = new ArrayList<>();

        try (GatewayKill kill = GatewayKill.start(GatewayKill.Plan.NONE, null, said::add)) {
            assertThat(kill).isNotNull();
        }

        assertThat(said).isEmpty();
    }

    @Test
    void a_gateway_the_bench_did_not_start_cannot_be_planned_for_a_kill() {
        GatewayKill.Plan plan = new GatewayKill.Plan(Duration.ofSeconds(5), Duration.ofSeconds(1));

        assertThatThrownBy(() -> GatewayKill.start(plan, SandboxGateway.external(URI.create("http://127.0.0.1:9090")), line -> { }))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("starts itself");
        assertThatThrownBy(() -> GatewayKill.start(plan, null, line -> { })).isInstanceOf(IllegalStateException.class);
    }
}
