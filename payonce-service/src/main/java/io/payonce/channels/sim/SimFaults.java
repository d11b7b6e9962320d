package io.payonce.channels.sim;

import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;

/** The fault switches of every simulated channel on this instance (see {@link FaultSwitches}). */
// Sandbox only: PAYONCE_SIM_ENABLED, on by default in sandbox mode, refused in production.
@ConditionalOnBooleanProperty("payonce.sim.enabled")
@Component
public class SimFaults {

    private final Map<String, FaultSwitches> byChannel = GatewayIdentities.SPECS.stream()
            .collect(Collectors.toUnmodifiableMap(ChannelSpec::name, spec -> new FaultSwitches(), (a, b) -> a));

    Optional<FaultSwitches> of(String channel) {
        return Optional.ofNullable(byChannel.get(channel));
    }

    public FaultSwitches require(String channel) {
        return of(channel).orElseThrow(() -> new IllegalArgumentException("No simulated channel " + channel));
    }
}
