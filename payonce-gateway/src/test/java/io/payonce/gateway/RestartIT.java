package io.payonce.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import io.payonce.gateway.book.SandboxBook;
import io.payonce.gateway.book.SandboxBook.OpenRequest;
import io.payonce.gateway.keys.SandboxKeys;
import io.payonce.gateway.support.GatewayTestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** A gateway started again on the same database and folder is the same gateway: same trades, same keys. */
class RestartIT {

    @TempDir
    Path dataDir;

    private final String dbUrl = GatewayTestDatabase.createDatabase();

    private ConfigurableApplicationContext start() {
        return SandboxGatewayApplication.application().run("--server.port=0", "--payonce.gateway.db.url=" + dbUrl,
                "--payonce.gateway.db.username=" + GatewayTestDatabase.user(), "--payonce.gateway.db.pool-size=2",
                "--payonce.gateway.data-dir=" + dataDir);
    }

    @Test
    void a_restarted_gateway_keeps_its_trades_and_keys_and_rewrites_merchant_properties_for_its_port() throws IOException {
        SandboxBook.TradeView opened;
        byte[] alipayPublicKey;
        try (ConfigurableApplicationContext first = start()) {
            opened = ((SandboxBook.Opened.Created) first.getBean(SandboxBook.class)
                    .open(new OpenRequest("alipay", "2021000000000001", "pay_restart_1", 1999, "CNY", "x", null))).trade();
            alipayPublicKey = first.getBean(SandboxKeys.class).alipayGateway().getPublic().getEncoded();
        }

        try (ConfigurableApplicationContext second = start()) {
            int port = ((WebServerApplicationContext) second).getWebServer().getPort();

            assertThat(second.getBean(SandboxBook.class).find("alipay", "pay_restart_1")).contains(opened);
            assertThat(second.getBean(SandboxKeys.class).alipayGateway().getPublic().getEncoded()).isEqualTo(alipayPublicKey);
            Properties merchant = new Properties();
            try (Reader in = Files.newBufferedReader(dataDir.resolve("keys").resolve(SandboxKeys.MERCHANT_PROPERTIES))) {
                merchant.load(in);
            }
            assertThat(merchant.getProperty("payonce.channels.alipay.gateway-url"))
                    .isEqualTo("http://127.0.0.1:" + port + "/alipay/gateway.do");
            assertThat(Path.of(merchant.getProperty("payonce.channels.alipay.alipay-public-key-file"))).exists();
        }
    }
}
