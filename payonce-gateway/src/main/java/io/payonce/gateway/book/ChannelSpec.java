package io.payonce.gateway.book;

import java.util.List;
import java.util.Optional;

/**
 * What tells one gateway the sandbox plays from the other: its name and the shape of its trade
 * numbers (28 digits, like the real ones: Alipay's {@code 2026112322001…}, WeChat Pay's
 * {@code 4200…}).
 *
 * @param tradeNoHead digits before the date ({@code 4200} for WeChat Pay's transaction_id)
 * @param tradeNoMid  digits between the date and the sequence ({@code 22001} in Alipay's trade_no)
 */
public record ChannelSpec(String name, String defaultCurrency, String tradeNoHead, String tradeNoMid) {

    public static final ChannelSpec ALIPAY = new ChannelSpec("alipay", "CNY", "", "22001");
    public static final ChannelSpec WECHAT = new ChannelSpec("wechat", "CNY", "4200", "0");
    public static final List<ChannelSpec> ALL = List.of(ALIPAY, WECHAT);

    /** The gateway of that name, if the sandbox plays one. */
    public static Optional<ChannelSpec> find(String name) {
        return ALL.stream().filter(spec -> spec.name().equals(name)).findFirst();
    }
}
