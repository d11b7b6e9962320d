package io.payonce.bench.results;

import java.util.ArrayList;
import java.util.List;

import io.payonce.bench.audit.Check;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * report.html: one self-contained file (inline SVG and CSS, no script, no CDN) with throughput and
 * latency over time, the latency distribution as a percentile spectrum, and the tables.
 */
public final class HtmlReport {

    private static final String[] PERCENTILE_LABELS = {"0%", "90%", "99%", "99.9%", "99.99%", "99.999%"};

    private HtmlReport() {
    }

    public static String render(Summary summary, Histogram latencyMicros) {
        StringBuilder html = new StringBuilder("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">");
        html.append("<title>payonce bench: ").append(SvgChart.escape(summary.scenario())).append("</title><style>")
                .append("body{font-family:system-ui,sans-serif;margin:2em;max-width:900px}table{border-collapse:collapse;margin:1em 0}")
                .append("td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}td:first-child,th:first-child{text-align:left}")
                .append(".fail{color:#b00;font-weight:bold}.pass{color:#070;font-weight:bold}</style></head><body>");
        html.append("<h1>payonce bench: ").append(SvgChart.escape(summary.scenario())).append("</h1><pre>")
                .append(SvgChart.escape(TextReport.render(summary))).append("</pre>");
        html.append(throughputChart(summary.timeSeries())).append(latencyChart(summary.timeSeries()))
                .append(distributionChart(latencyMicros));
        html.append(auditTable(summary.audit().invariants()));
        return html.append("</body></html>\n").toString();
    }

    private static String throughputChart(List<Summary.Second> series) {
        if (series.isEmpty()) {
            return "<p>No measured seconds.</p>";
        }
        return SvgChart.render("Throughput per second", "second", "requests/s", List.of(
                new SvgChart.Series("requests", "#1f77b4", seconds(series), series.stream().mapToDouble(Summary.Second::requests).toArray()),
                new SvgChart.Series("errors", "#d62728", seconds(series), series.stream().mapToDouble(Summary.Second::errors).toArray())),
                null);
    }

    private static String latencyChart(List<Summary.Second> series) {
        if (series.isEmpty()) {
            return "";
        }
        return SvgChart.render("Latency per second", "second", "ms", List.of(
                new SvgChart.Series("p50", "#2ca02c", seconds(series), series.stream().mapToDouble(Summary.Second::p50).toArray()),
                new SvgChart.Series("p99", "#ff7f0e", seconds(series), series.stream().mapToDouble(Summary.Second::p99).toArray()),
                new SvgChart.Series("max", "#d62728", seconds(series), series.stream().mapToDouble(Summary.Second::max).toArray())),
                null);
    }

    /** The percentile spectrum: x is log10(1 / (1 - percentile)), so 90%, 99%, 99.9% are evenly spaced. */
    static String distributionChart(Histogram micros) {
        if (micros.getTotalCount() == 0) {
            return "";
        }
        List<double[]> points = new ArrayList<>();
        for (HistogramIterationValue value : micros.percentiles(5)) {
            double percentile = Math.min(value.getPercentileLevelIteratedTo(), 99.9999);
            points.add(new double[] {Math.log10(100 / (100 - percentile)), value.getValueIteratedTo() / 1000.0});
        }
        List<SvgChart.Tick> ticks = new ArrayList<>();
        for (int i = 0; i < PERCENTILE_LABELS.length; i++) {
            ticks.add(new SvgChart.Tick(i, PERCENTILE_LABELS[i]));
        }
        return SvgChart.render("Latency distribution (percentile spectrum)", "percentile", "ms", List.of(
                new SvgChart.Series("latency", "#1f77b4", points.stream().mapToDouble(p -> p[0]).toArray(),
                        points.stream().mapToDouble(p -> p[1]).toArray())), ticks);
    }

    private static String auditTable(List<Check> checks) {
        StringBuilder table = new StringBuilder("<h2>Audit</h2><table><tr><th>invariant</th><th>verdict</th><th>checked</th><th>violations</th><th>examples</th></tr>");
        for (Check check : checks) {
            String verdict = check.note() != null ? SvgChart.escape(check.note())
                    : check.passed() ? "<span class=\"pass\">passed</span>" : "<span class=\"fail\">FAILED</span>";
            table.append("<tr><td>").append(SvgChart.escape(check.name())).append("</td><td>").append(verdict)
                    .append("</td><td>").append(check.checked()).append("</td><td>").append(check.violations())
                    .append("</td><td>").append(SvgChart.escape(String.join("; ", check.examples()))).append("</td></tr>");
        }
        return table.append("</table>").toString();
    }

    private static double[] seconds(List<Summary.Second> series) {
        return series.stream().mapToDouble(Summary.Second::second).toArray();
    }

}
