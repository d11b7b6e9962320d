package io.payonce.gateway.wechat;

import java.time.Clock;

import io.payonce.gateway.book.SandboxBook;
import io.payonce.gateway.keys.SandboxKeys;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The WeChat Pay side of the sandbox: its v3 API on the book, and its notifications' format. */
@Configuration(proxyBeanMethods = false)
class WechatConfig {

    @Bean
    WechatV3Api wechatV3Api(SandboxBook book, SandboxKeys keys, Clock clock) {
        return new WechatV3Api(book, keys, clock);
    }

    @Bean
    WechatNotificationFormat wechatNotificationFormat(SandboxKeys keys, Clock clock) {
        return new WechatNotificationFormat(keys, clock);
    }
}
