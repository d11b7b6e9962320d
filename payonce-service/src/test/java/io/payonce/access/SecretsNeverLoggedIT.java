package io.payonce.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.util.List;
import java.util.UUID;

import io.payonce.support.Api;
import io.payonce.support.IntegrationTest;
import io.payonce.support.Shop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Every credential payonce issues goes through the log's reach, and none of them ends up in it. */
@IntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class SecretsNeverLoggedIT {

    @LocalServerPort
    int port;

    @Test
    void a_key_a_buyer_token_and_an_order_token_never_appear_in_the_log(CapturedOutput log) {
        Api anonymous = new Api(port);
        Api.Answer created = anonymous.admin("/v1/admin/api-keys", "{\"scopes\":[\"refunds\",\"orders:read\"],\"label\":\"logged?\"}");
        String keyId = created.json().get("id").asString();
        String key = created.json().get("key").asString();
        Api merchant = anonymous.bearer(key);
        Shop buyer = new Shop(anonymous);
        String sku = buyer.stockedSku("log", 1999, 2);
        String orderId = buyer.paidOrder(sku, 1);
        String buyerToken = buyer.buyerAuthorization().substring("Bearer ".length());
        String orderToken = buyer.orderToken(orderId);

        assertThat(merchant.get("/v1/orders/" + orderId).status()).isEqualTo(200);
        assertThat(merchant.postIdempotent("/v1/orders/" + orderId + "/refunds", "{\"amount\":1}", UUID.randomUUID().toString()).status())
                .isEqualTo(201);
        // Near misses: a key with one character changed, and the key sent where a buyer token goes.
        String nearMiss = key.substring(0, key.length() - 1) + (key.endsWith("A") ? "B" : "A");
        assertThat(anonymous.bearer(nearMiss).get("/v1/orders/" + orderId).status()).isEqualTo(401);
        assertThat(anonymous.with((method, path) -> java.util.Map.of("X-Order-Token", key)).get("/v1/orders/" + orderId).status())
                .isEqualTo(404);
        assertThat(anonymous.send(HttpRequest.newBuilder(anonymous.uri("/v1/admin/api-keys/" + keyId))
                .header("Authorization", "Bearer " + IntegrationTest.ADMIN_TOKEN).DELETE()).status()).isEqualTo(200);
        assertThat(merchant.get("/v1/orders/" + orderId).status()).isEqualTo(401);

        // The log did capture this test's requests: the key's life is there, by its id.
        assertThat(log.getAll()).contains("API key " + keyId + " created").contains("API key " + keyId + " revoked");
        for (String secret : List.of(key, nearMiss, buyerToken, orderToken, IntegrationTest.ADMIN_TOKEN)) {
            // The secret's last 32 characters: its random part (a secret may itself contain '_', so
            // cutting at the last '_' could leave a single letter that any log line contains).
            String secretPart = secret.substring(Math.max(0, secret.length() - 32));
            assertThat(log.getAll()).doesNotContain(secret).doesNotContain(secretPart);
        }
    }
}
