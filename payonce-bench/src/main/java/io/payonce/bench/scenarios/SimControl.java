package io.payonce.bench.scenarios;

import java.util.Map;

import io.payonce.bench.load.Call;
import io.payonce.bench.target.SandboxGateway;

/**
 * The gateway's fault switches (docs/sandbox-gateway.md): POST {@code /sandbox/{channel}/faults}
 * on the sandbox gateway changes the switches it names, DELETE resets them.
 */
final class SimControl {

    private final Shop shop;
    private final String faultsPath;

    SimControl(Shop shop, ScenarioContext context) {
        this.shop = shop;
        this.faultsPath = faultsPath(context.gateway(), context.options().channel());
    }

    /** Where the channel's switches are: the sandbox gateway's control API. */
    static String faultsPath(SandboxGateway gateway, String channel) {
        return ScenarioContext.require(gateway).url("/sandbox/" + channel + "/faults");
    }

    /** Turns the given switches on (names as the gateway documents them). */
    void set(Map<String, Object> switches) {
        send(Call.postJson("setup", faultsPath, Json.of(flatten(switches))));
    }

    /** Back to a well-behaved gateway, so what is still pending can settle before the audit. */
    void clear() {
        send(new Call("setup", "DELETE", faultsPath, null, null, Map.of(), java.util.Set.of(), false));
    }

    private void send(Call call) {
        shop.gatewayControl(call, 200);
    }

    private static Object[] flatten(Map<String, Object> map) {
        return map.entrySet().stream().flatMap(entry -> java.util.stream.Stream.of(entry.getKey(), entry.getValue())).toArray();
    }
}
