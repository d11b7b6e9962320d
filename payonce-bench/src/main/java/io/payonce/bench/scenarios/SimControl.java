package io.payonce.bench.scenarios;

import java.util.Map;

import io.payonce.bench.load.Call;

/**
 * The simulated gateway's fault switches (docs/simulator.md): POST /sim/{channel}/faults changes
 * the switches it names, DELETE resets them. They live in the memory of the instance that
 * receives them, so against several instances set them on each.
 */
final class SimControl {

    private final Shop shop;
    private final String channel;

    SimControl(Shop shop, String channel) {
        this.shop = shop;
        this.channel = channel;
    }

    /** Turns the given switches on (names as the simulator documents them). */
    void set(Map<String, Object> switches) {
        shop.admin(Call.postJson("setup", "/sim/" + channel + "/faults", Json.of(flatten(switches))), 200);
    }

    /** Back to a well-behaved gateway, so what is still pending can settle before the audit. */
    void clear() {
        shop.admin(new Call("setup", "DELETE", "/sim/" + channel + "/faults", null, null, Map.of(), java.util.Set.of(), false), 200);
    }

    private static Object[] flatten(Map<String, Object> map) {
        return map.entrySet().stream().flatMap(entry -> java.util.stream.Stream.of(entry.getKey(), entry.getValue())).toArray();
    }
}
