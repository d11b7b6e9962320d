package io.payonce.channels.sim;

import java.security.KeyPair;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.payonce.channels.PaymentChannel.Notification;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Who each simulated gateway is: its {@link ChannelSpec} and its RSA key pair, loaded (or made,
 * on the very first start) from {@code sim_channel_keys} at start-up. Signing and verifying
 * notifications go through here, so the private keys never leave this class.
 */
// Sandbox only: PAYONCE_SIM_ENABLED, on by default in sandbox mode, refused in production.
@ConditionalOnBooleanProperty("payonce.sim.enabled")
@Component
public class GatewayIdentities {

    static final List<ChannelSpec> SPECS = List.of(ChannelSpec.ALIPAY, ChannelSpec.WECHAT);

    /** One gateway: its spec and keys. */
    public record Identity(ChannelSpec spec, KeyPair keys) {

        Map<String, String> signedForm(NotificationForm.Content content) {
            return NotificationForm.build(spec, keys.getPrivate(), content);
        }

        Notification parse(Map<String, String> form) {
            return NotificationForm.parse(spec, keys.getPublic(), form);
        }
    }

    private final Map<String, Identity> byChannel = new LinkedHashMap<>();

    GatewayIdentities(JdbcClient jdbc) {
        for (ChannelSpec spec : SPECS) {
            byChannel.put(spec.name(), new Identity(spec, ChannelKeys.loadOrCreate(jdbc, spec.name())));
        }
    }

    public Optional<Identity> find(String channel) {
        return Optional.ofNullable(byChannel.get(channel));
    }

    Identity require(String channel) {
        return find(channel).orElseThrow(() -> new IllegalArgumentException("No simulated channel " + channel));
    }

    List<Identity> all() {
        return List.copyOf(byChannel.values());
    }
}
