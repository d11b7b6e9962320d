package io.payonce.channels;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

/** The payment channels this instance knows, by name. */
@Component
public class PaymentChannels {

    /** Used when an order's payment names no channel. */
    public static final String DEFAULT_CHANNEL = "alipay";

    private final Map<String, PaymentChannel> byName;

    PaymentChannels(List<PaymentChannel> channels) {
        this.byName = channels.stream().collect(Collectors.toUnmodifiableMap(PaymentChannel::name, Function.identity()));
    }

    public Optional<PaymentChannel> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public java.util.Set<String> names() {
        return byName.keySet();
    }
}
