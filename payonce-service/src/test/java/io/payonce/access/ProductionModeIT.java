package io.payonce.access;

import static io.payonce.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import io.payonce.channels.PaymentChannels;
import io.payonce.support.Api;
import io.payonce.support.IntegrationTest;
import io.payonce.support.RowCounts;
import io.payonce.support.SecondPayonce;
import io.payonce.support.Shop;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A production instance beside the sandbox test context, on the same database: the attacker who
 * found /sim on a sandbox tries it on production, where the simulator and the test helpers do not
 * exist at all.
 */
@IntegrationTest
class ProductionModeIT {

    private static SecondPayonce production;

    @Autowired
    Environment environment;
    @Autowired
    JdbcClient jdbc;
    @LocalServerPort
    int port;
    Api productionApi;
    Shop sandboxShop;

    @BeforeEach
    void startProduction() {
        if (production == null) {
            production = SecondPayonce.start(environment, "--payonce.mode=production");
        }
        productionApi = new Api(production.port());
        sandboxShop = new Shop(new Api(port));
    }

    @AfterAll
    static void stopProduction() {
        if (production != null) {
            production.close();
            production = null;
        }
    }

    @Test
    void nothing_in_production_settles_a_payment_nobody_paid_and_no_channel_exists_unless_configured() {
        String sku = sandboxShop.stockedSku("prod", 1999, 1);
        String orderId = sandboxShop.placeOrder(sku, 1);
        String paymentId = sandboxShop.startPayment(orderId);
        Map<String, Long> before = RowCounts.of(jdbc);

        assertProblem(productionApi.post("/sim/alipay/payments/" + paymentId + "/succeed", null), 404, "not_found");
        assertProblem(productionApi.post("/sim/alipay/faults", "{\"declineRate\":1.0}"), 404, "not_found");
        assertProblem(productionApi.get("/sim/alipay/pay/" + paymentId), 404, "not_found");

        assertThat(RowCounts.of(jdbc)).isEqualTo(before);
        assertThat(jdbc.sql("SELECT status FROM payments WHERE id = :id").param("id", paymentId).query(String.class).single())
                .isEqualTo("PENDING");
        assertThat(production.bean(PaymentChannels.class).names()).isEmpty();
    }

    @Test
    void the_test_helpers_do_not_exist_in_production_even_for_the_admin() {
        Map<String, Long> before = RowCounts.of(jdbc);

        assertProblem(productionApi.admin("/v1/admin/systems/generate", "{\"systemId\":\"prod-generated\"}"), 404, "not_found");
        assertProblem(productionApi.admin("/v1/admin/systems/payonce-shop/members/seed", "{\"count\":5}"), 404, "not_found");

        assertThat(RowCounts.of(jdbc)).isEqualTo(before);
    }

    @Test
    void production_shows_its_mode_on_the_management_port_and_serves_no_swagger() {
        Map<String, Long> before = RowCounts.of(jdbc);

        Api.Answer info = new Api(production.managementPort()).get("/actuator/info");
        assertThat(info.json().get("payonce").get("mode").asString()).isEqualTo("production");
        assertThat(info.json().get("payonce").get("testHelpers").asBoolean()).isFalse();
        assertThat(productionApi.get("/v3/api-docs").status()).isEqualTo(404);
        assertThat(productionApi.get("/swagger-ui/index.html").status()).isEqualTo(404);
        assertThat(productionApi.get("/actuator/health").json().get("status").asString()).isEqualTo("UP");

        assertThat(RowCounts.of(jdbc)).isEqualTo(before);
    }
}
