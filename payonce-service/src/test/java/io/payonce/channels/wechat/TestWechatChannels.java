package io.payonce.channels.wechat;

import java.time.Clock;
import java.util.Map;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.mock.env.MockEnvironment;

/** A WechatChannel built the way the service builds it, from settings given as properties. */
final class TestWechatChannels {

    private TestWechatChannels() {
    }

    static WechatChannel channel(Map<String, String> settings, Clock clock) {
        WechatProperties properties = new Binder(new MapConfigurationPropertySource(settings))
                .bindOrCreate("payonce.channels.wechat", WechatProperties.class);
        MockEnvironment environment = new MockEnvironment();
        settings.forEach(environment::setProperty);
        WechatChannelConfig config = new WechatChannelConfig();
        return config.wechatPayChannel(properties, config.wechatNotifyUrl(properties), environment, clock);
    }
}
