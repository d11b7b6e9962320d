package io.payonce.channels.sim;

/**
 * What tells one simulated gateway from the other: its name, the app_id it signs notifications
 * with, and the shape of its trade numbers (28 digits, like the real ones).
 *
 * @param tradeNoHead digits before the date ({@code 4200} for WeChat Pay's transaction_id)
 * @param tradeNoMid  digits between the date and the sequence ({@code 22001} in Alipay's trade_no)
 */
record ChannelSpec(String name, String appId, String defaultCurrency, String tradeNoHead, String tradeNoMid) {

    static final ChannelSpec ALIPAY = new ChannelSpec("alipay", "2021000000000001", "CNY", "", "22001");
    static final ChannelSpec WECHAT = new ChannelSpec("wechat", "wx5f0000000000a001", "CNY", "4200", "0");
}
