package io.payonce.web.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.payonce.support.Api;
import io.payonce.support.IntegrationTest;
import io.payonce.support.Shop;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The Grafana dashboard (deploy/grafana/payonce.json) reads only metrics payonce exports: after a
 * purchase (and a refund, an idempotent replay), every metric name its queries use is in a scrape
 * of /actuator/prometheus on the management port. A metric renamed or removed fails this test
 * instead of leaving a panel silently empty.
 */
@IntegrationTest
class DashboardMetricsIT {

    static final Path DASHBOARD = Path.of("..", "deploy", "grafana", "payonce.json");
    /** PromQL's own words: functions are caught by the "(" after them, these are not. */
    private static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right", "and", "or",
            "unless", "bool", "offset");
    /** Prometheus makes this one itself for every target; payonce cannot export it. */
    private static final Set<String> PROMETHEUS_OWN = Set.of("up");
    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

    @LocalServerPort
    int port;
    @LocalManagementPort
    int managementPort;

    @Test
    void every_metric_the_dashboard_queries_is_exported_after_a_purchase() throws IOException {
        Shop shop = new Shop(new Api(port));
        String orderId = shop.placeOrder(shop.stockedSku("dashboard", 100, 2), 1);
        String key = java.util.UUID.randomUUID().toString();
        shop.pay(orderId, key);
        shop.pay(orderId, key);
        shop.buyerPays(shop.startPayment(orderId));
        shop.awaitStatus(orderId, "DELIVERED");

        String scrape = new Api(managementPort).get("/actuator/prometheus").body();
        Set<String> exported = exportedNames(scrape);
        List<String> queried = metricNames(dashboardQueries());

        assertThat(queried).as("the dashboard's metrics").isNotEmpty()
                .contains("http_server_requests_seconds_bucket", "payonce_idempotency_conflicts_total", "payonce_callbacks_total",
                        "payonce_stock_available", "hikaricp_connections_active", "payonce_money_exceptions",
                        "payonce_webhooks_attempts_total");
        assertThat(exported).containsAll(queried);
    }

    @Test
    void the_name_extraction_finds_metrics_and_nothing_else() {
        assertThat(metricNames(List.of(
                "histogram_quantile(0.99, sum by (le, uri) (rate(http_server_requests_seconds_bucket{uri!~\"/actuator.*\", status=~\"5..\"}[1m])))",
                "sum(rate(a_total[5m])) * 60 / ignoring(x) b_total offset 5m", "up{job=~\"payonce.*\"}")))
                .containsExactly("http_server_requests_seconds_bucket", "a_total", "b_total");
    }

    private static List<String> dashboardQueries() throws IOException {
        JsonNode dashboard = Api.parse(Files.readString(DASHBOARD));
        List<String> queries = new ArrayList<>();
        for (JsonNode panel : dashboard.get("panels")) {
            assertThat(panel.get("targets")).as(panel.get("title").asString()).isNotEmpty();
            panel.get("targets").forEach(target -> queries.add(target.get("expr").asString()));
        }
        return queries;
    }

    /** The metric names in PromQL expressions: identifiers outside label matchers, ranges, strings and grouping lists, not called. */
    static List<String> metricNames(List<String> queries) {
        Set<String> names = new TreeSet<>();
        List<String> ordered = new ArrayList<>();
        for (String query : queries) {
            String bare = query.replaceAll("\"[^\"]*\"", "\"\"")
                    .replaceAll("\\{[^}]*}", " ")
                    .replaceAll("\\[[^]]*]", " ")
                    .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ")
                    .replaceAll("\\boffset\\s+\\w+", " ");
            Matcher identifier = IDENTIFIER.matcher(bare);
            while (identifier.find()) {
                String word = identifier.group();
                boolean called = bare.substring(identifier.end()).stripLeading().startsWith("(");
                if (!called && !KEYWORDS.contains(word) && !PROMETHEUS_OWN.contains(word) && names.add(word)) {
                    ordered.add(word);
                }
            }
        }
        return ordered;
    }

    private static Set<String> exportedNames(String scrape) {
        Set<String> names = new TreeSet<>();
        for (String line : scrape.split("\n")) {
            if (!line.isEmpty() && !line.startsWith("#")) {
                Matcher name = IDENTIFIER.matcher(line);
                if (name.lookingAt()) {
                    names.add(name.group());
                }
            }
        }
        return names;
    }
}
