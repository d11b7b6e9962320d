package io.payonce.bench.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;

import io.payonce.bench.target.SandboxGateway;
import org.junit.jupiter.api.Test;

/** Switches and the buyer's payments go to the sandbox gateway's control API when the run has one, else to the service's /sim. */
class GatewayPathsTest {

    private static final SandboxGateway GATEWAY = SandboxGateway.external(URI.create("http://127.0.0.1:9090"));

    private static ScenarioContext context(SandboxGateway gateway) {
        return new ScenarioContext(null, "t", null, ScenarioOptions.defaults(), "run", gateway);
    }

    @Test
    void with_a_sandbox_gateway_the_control_api_is_used() {
        assertThat(SimControl.faultsPath(GATEWAY, "wechat")).isEqualTo("http://127.0.0.1:9090/sandbox/wechat/faults");
        assertThat(Shop.payPath(context(GATEWAY), "pay_1")).isEqualTo("http://127.0.0.1:9090/sandbox/alipay/trades/pay_1/pay");
    }

    @Test
    void without_one_a_scenario_that_pays_is_refused_saying_how_to_give_one() {
        assertThatThrownBy(() -> SimControl.faultsPath(null, "alipay")).hasMessageContaining("--gateway-url");
        assertThatThrownBy(() -> Shop.payPath(context(null), "pay_1")).hasMessageContaining("--gateway-url");
    }
}
