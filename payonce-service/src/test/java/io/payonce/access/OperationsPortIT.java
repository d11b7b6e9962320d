package io.payonce.access;

import static io.payonce.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import io.payonce.support.Api;
import io.payonce.support.IntegrationTest;
import io.payonce.support.RowCounts;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** What an outsider finds on the public port: health as one word, and no metrics (stock per SKU) or other actuator endpoint. */
@IntegrationTest
class OperationsPortIT {

    @LocalServerPort
    int port;
    @LocalManagementPort
    int managementPort;
    @Autowired
    JdbcClient jdbc;

    @Test
    void metrics_and_the_other_actuator_endpoints_are_not_on_the_public_port() {
        Api outsider = new Api(port);
        Map<String, Long> before = RowCounts.of(jdbc);

        for (String path : new String[] {"/actuator/prometheus", "/actuator/metrics", "/actuator/info", "/actuator/env",
                "/actuator/health/db", "/actuator"}) {
            assertProblem(outsider.get(path), 404, "not_found");
        }
        assertThat(outsider.get("/actuator/health").body()).isEqualTo("{\"status\":\"UP\"}");
        assertThat(outsider.get("/actuator/health/liveness").body()).isEqualTo("{\"status\":\"UP\"}");
        assertThat(outsider.get("/actuator/health/readiness").body()).isEqualTo("{\"status\":\"UP\"}");

        assertThat(RowCounts.of(jdbc)).isEqualTo(before);
    }

    @Test
    void the_management_port_has_the_metrics_and_the_mode() {
        Api operator = new Api(managementPort);

        assertThat(operator.get("/actuator/prometheus").body()).contains("payonce_idempotency_replays_total");
        assertThat(operator.get("/actuator/info").json().get("payonce").get("mode").asString()).isEqualTo("sandbox");
    }
}
