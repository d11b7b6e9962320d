package io.payonce.bench.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import io.payonce.bench.audit.Check;
import io.payonce.bench.load.Reply.Outcome;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ReportsTest {

    private static Results oneThousandCallsFromOneToTenMs() {
        Results results = new Results();
        for (int i = 1; i <= 1000; i++) {
            results.recordCall(i % 2 == 0 ? "create_order" : "renew", i * 10_000L, i % 100 == 0 ? Outcome.ERROR : Outcome.OK,
                    i % 100 == 0 ? "500 internal_error" : "201");
        }
        results.sample(1);
        return results;
    }

    private static Summary summary(Results.Snapshot snapshot, boolean auditPassed) {
        Check check = Check.of("no payment charged twice", 12, auditPassed ? List.of() : List.of("pay_1 charged 2x"));
        return new Summary(Summary.SCHEMA_VERSION, "mixed", "http://127.0.0.1:1/", "2026-11-23T10:00:00Z",
                new Summary.Load("open", 100.0, null, 0, 5, 10, 1000, 1000), snapshot.requests(), 100.0,
                (double) snapshot.errors() / snapshot.requests(), snapshot.errors(), Latencies.of(snapshot.callLatencyMicros()),
                snapshot.iterationLatency(), snapshot.errorsByCause(), snapshot.expectedByCause(), snapshot.iterationFailures(),
                snapshot.ops(), snapshot.series().stream().map(Summary.Second::of).toList(),
                new Summary.Harness(snapshot.startLag(), 3, 1024, 0, 1.5, 150),
                new Summary.AuditSummary(auditPassed, List.of(check)));
    }

    @Test
    void percentiles_come_from_the_histogram_within_its_precision() {
        Results.Snapshot snapshot = oneThousandCallsFromOneToTenMs().snapshot();

        Latencies latency = Latencies.of(snapshot.callLatencyMicros());
        assertThat(latency.count()).isEqualTo(1000);
        assertThat(latency.p50()).isBetween(4.99, 5.01);
        assertThat(latency.p90()).isBetween(8.99, 9.01);
        assertThat(latency.p99()).isBetween(9.89, 9.91);
        assertThat(latency.max()).isBetween(9.99, 10.01);
        assertThat(snapshot.errorsByCause()).isEqualTo(Map.of("create_order 500 internal_error", 10L));
        assertThat(snapshot.ops().get("renew").requests()).isEqualTo(500);
    }

    @Test
    void summary_json_carries_the_fields_the_contract_fixes() {
        Summary summary = summary(oneThousandCallsFromOneToTenMs().snapshot(), false);

        JsonNode json = JsonMapper.builder().build().readTree(io.payonce.bench.Bench.json(summary));

        assertThat(json.path("scenario").asString()).isEqualTo("mixed");
        assertThat(json.path("requests").asLong()).isEqualTo(1000);
        assertThat(json.path("throughputPerSec").isNumber()).isTrue();
        assertThat(json.path("errorRate").asDouble()).isEqualTo(0.01);
        for (String percentile : List.of("p50", "p90", "p99", "p999", "max")) {
            assertThat(json.path("latencyMs").path(percentile).isNumber()).as(percentile).isTrue();
        }
        JsonNode invariant = json.path("audit").path("invariants").path(0);
        assertThat(json.path("audit").path("passed").asBoolean()).isFalse();
        assertThat(invariant.path("name").asString()).isEqualTo("no payment charged twice");
        assertThat(invariant.path("passed").asBoolean()).isFalse();
        assertThat(invariant.path("checked").asLong()).isEqualTo(12);
        assertThat(invariant.path("violations").asLong()).isEqualTo(1);
        assertThat(json.path("timeSeries").path(0).path("requests").asLong()).isEqualTo(1000);
    }

    @Test
    void the_html_report_is_self_contained_with_its_three_charts() {
        Results.Snapshot snapshot = oneThousandCallsFromOneToTenMs().snapshot();

        String html = HtmlReport.render(summary(snapshot, true), snapshot.callLatencyMicros());

        assertThat(html).contains("Throughput per second", "Latency per second", "Latency distribution", "<polyline");
        assertThat(html).doesNotContain("<script", " src=", " href=", "https://");
        assertThat(html.replace("http://www.w3.org/2000/svg", "")).doesNotContain("http://www.", "cdn");
    }

    @Test
    void the_table_names_each_invariant_with_its_counts() {
        String table = TextReport.render(summary(oneThousandCallsFromOneToTenMs().snapshot(), false));

        assertThat(table).contains("audit: FAILED").containsPattern("FAIL +no payment charged twice +checked +12 +violations +1");
        assertThat(table).contains("create_order 500 internal_error");
    }

    @Test
    void chart_axes_end_on_round_numbers() {
        assertThat(SvgChart.niceCeiling(0.7)).isEqualTo(1.0);
        assertThat(SvgChart.niceCeiling(13)).isEqualTo(20.0);
        assertThat(SvgChart.niceCeiling(420)).isEqualTo(500.0);
        assertThat(SvgChart.niceCeiling(0)).isEqualTo(1.0);
    }
}
