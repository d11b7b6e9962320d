package io.payonce.gateway.wechat;

import java.time.Clock;

import io.payonce.gateway.book.SandboxBook;
import io.payonce.gateway.keys.SandboxKeys;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;

/**
 * The gateway's WeChat Pay controller and API on a real Tomcat at a free port, over a given book
 * and keys, without the rest of the gateway (its PostgreSQL books, notifier, control API): the
 * official SDK talks to it over HTTP exactly as it would to the whole sandbox.
 */
final class WechatWebTestServer implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    WechatWebTestServer(SandboxBook book, SandboxKeys keys, Clock clock) {
        context = new SpringApplicationBuilder(WechatOnly.class)
                .properties("server.port=0", "server.address=127.0.0.1", "spring.main.banner-mode=off")
                .initializers(ctx -> {
                    ctx.getBeanFactory().registerSingleton("book", book);
                    ctx.getBeanFactory().registerSingleton("keys", keys);
                    ctx.getBeanFactory().registerSingleton("clock", clock);
                })
                .run();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    @Override
    public void close() {
        context.close();
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration(excludeName = {"org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
            "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration"})
    @Import({WechatConfig.class, WechatV3Controller.class})
    static class WechatOnly {
    }
}
