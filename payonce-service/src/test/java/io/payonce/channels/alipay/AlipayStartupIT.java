package io.payonce.channels.alipay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Files;
import java.nio.file.Path;

import io.payonce.gateway.keys.SandboxKeys;
import io.payonce.support.SecondPayonce;
import io.payonce.support.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.mock.env.MockEnvironment;

/**
 * payonce refuses to start with Alipay switched on and its settings wrong: the failure names the
 * setting and never shows a key.
 */
class AlipayStartupIT {

    private static final SandboxKeys KEYS = SandboxKeys.generate();

    @Test
    void a_private_key_that_does_not_parse_stops_the_start_naming_its_setting(@TempDir Path dir) throws Exception {
        Path broken = Files.writeString(dir.resolve("broken.pem"), "-----BEGIN PRIVATE KEY-----\nU0VDUkVUU0VDUkVU\n-----END PRIVATE KEY-----\n");
        Path alipayPublic = Files.writeString(dir.resolve("alipay.pem"), SandboxKeys.pem(KEYS.alipayGateway().getPublic()));

        Throwable refused = start("--payonce.channels.alipay.enabled=true",
                "--payonce.channels.alipay.app-id=" + KEYS.alipayAppId(),
                "--payonce.channels.alipay.app-private-key-file=" + broken,
                "--payonce.channels.alipay.alipay-public-key-file=" + alipayPublic);

        assertThat(rootMessage(refused)).startsWith("payonce.channels.alipay.app-private-key").doesNotContain("U0VDUkVUU0VDUkVU");
    }

    @Test
    void production_refuses_an_alipay_gateway_over_plain_http() {
        Throwable refused = start("--payonce.mode=production", "--payonce.test-helpers.enabled=false",
                "--payonce.channels.alipay.enabled=true", "--payonce.channels.alipay.gateway-url=http://openapi.alipay.com/gateway.do");

        assertThat(rootMessage(refused)).contains("payonce.channels.alipay.gateway-url (PAYONCE_CHANNELS_ALIPAY_GATEWAY_URL) must be https");
    }

    private static Throwable start(String... settings) {
        MockEnvironment database = new MockEnvironment().withProperty("payonce.db.url", TestDatabase.createDatabase())
                .withProperty("payonce.db.username", TestDatabase.user());
        Throwable failure = catchThrowable(() -> SecondPayonce.builder().run(SecondPayonce.arguments(database, settings)).close());
        assertThat(failure).as("the start must fail").isNotNull();
        return failure;
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage();
    }
}
