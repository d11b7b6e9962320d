package io.payonce.gateway.faults;

import java.util.Map;
import java.util.Optional;

import io.payonce.gateway.book.ChannelSpec;
import org.springframework.stereotype.Component;

/** The fault switches of each gateway the sandbox plays (see {@link FaultSwitches}). */
@Component
public class SandboxFaults {

    private final Map<String, FaultSwitches> byChannel = Map.of(
            ChannelSpec.ALIPAY.name(), new FaultSwitches(),
            ChannelSpec.WECHAT.name(), new FaultSwitches());

    public Optional<FaultSwitches> of(String channel) {
        return Optional.ofNullable(channel == null ? null : byChannel.get(channel));
    }

    public FaultSwitches require(String channel) {
        return of(channel).orElseThrow(() -> new IllegalArgumentException("No sandbox channel " + channel));
    }
}
