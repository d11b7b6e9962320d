package io.payonce.channels.sim;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The two simulated gateways payonce ships with: one implementation, two names, two key pairs. */
// Sandbox only: PAYONCE_SIM_ENABLED, on by default in sandbox mode, refused in production.
@ConditionalOnBooleanProperty("payonce.sim.enabled")
@Configuration(proxyBeanMethods = false)
class SimChannelsConfig {

    @Bean
    SimChannel alipayChannel(GatewayIdentities identities, SimTrades trades, TradeTransitions transitions, SimFaults faults,
                             GatewayTransactions transactions, SimProperties properties) {
        return new SimChannel(identities.require(ChannelSpec.ALIPAY.name()), trades, transitions, faults, transactions, properties);
    }

    @Bean
    SimChannel wechatChannel(GatewayIdentities identities, SimTrades trades, TradeTransitions transitions, SimFaults faults,
                             GatewayTransactions transactions, SimProperties properties) {
        return new SimChannel(identities.require(ChannelSpec.WECHAT.name()), trades, transitions, faults, transactions, properties);
    }
}
