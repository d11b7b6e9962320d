package io.payonce.bench.results;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A line chart as inline SVG: no script, no library, no network, so report.html opens anywhere
 * (the bench machines have no internet). X may be a log axis, for percentile spectra.
 */
final class SvgChart {

    private static final int WIDTH = 760;
    private static final int HEIGHT = 280;
    private static final int LEFT = 64;
    private static final int RIGHT = 16;
    private static final int TOP = 28;
    private static final int BOTTOM = 40;
    private static final int TICKS = 5;

    /** One line: its name in the legend, its colour, its points. */
    record Series(String name, String color, double[] xs, double[] ys) {
    }

    /** A labelled x tick at a position in data units. */
    record Tick(double x, String label) {
    }

    private SvgChart() {
    }

    static String render(String title, String xLabel, String yLabel, List<Series> series, List<Tick> xTicks) {
        double xMin = min(series, true);
        double xMax = Math.max(xMin + 1e-9, max(series, true));
        double yMax = niceCeiling(max(series, false));
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" role=\"img\">",
                WIDTH, HEIGHT, WIDTH, HEIGHT));
        svg.append("<title>").append(escape(title)).append("</title>");
        svg.append(text(LEFT, 16, title, "start", "bold"));
        frame(svg, yMax, xLabel, yLabel);
        List<Tick> ticks = xTicks != null ? xTicks : linearTicks(xMin, xMax);
        for (Tick tick : ticks) {
            double px = px(tick.x(), xMin, xMax);
            svg.append(line(px, HEIGHT - BOTTOM, px, HEIGHT - BOTTOM + 4, "#444"));
            svg.append(text(px, HEIGHT - BOTTOM + 16, tick.label(), "middle", "normal"));
        }
        int legendX = WIDTH - RIGHT - 10;
        for (int i = series.size() - 1; i >= 0; i--) {
            Series s = series.get(i);
            svg.append(polyline(s, xMin, xMax, yMax));
            svg.append(text(legendX, 16, s.name(), "end", "normal").replace("<text ", "<text fill=\"" + s.color() + "\" "));
            legendX -= 10 + 8 * s.name().length();
        }
        return svg.append("</svg>").toString();
    }

    private static void frame(StringBuilder svg, double yMax, String xLabel, String yLabel) {
        for (int i = 0; i <= TICKS; i++) {
            double value = yMax * i / TICKS;
            double py = py(value, yMax);
            svg.append(line(LEFT, py, WIDTH - RIGHT, py, i == 0 ? "#444" : "#ddd"));
            svg.append(text(LEFT - 6, py + 4, label(value), "end", "normal"));
        }
        svg.append(line(LEFT, TOP, LEFT, HEIGHT - BOTTOM, "#444"));
        svg.append(text((LEFT + WIDTH - RIGHT) / 2.0, HEIGHT - 6, xLabel, "middle", "normal"));
        svg.append(String.format(Locale.ROOT, "<text x=\"14\" y=\"%.1f\" font-size=\"12\" text-anchor=\"middle\" transform=\"rotate(-90 14 %.1f)\">%s</text>",
                (TOP + HEIGHT - BOTTOM) / 2.0, (TOP + HEIGHT - BOTTOM) / 2.0, escape(yLabel)));
    }

    private static String polyline(Series s, double xMin, double xMax, double yMax) {
        StringBuilder points = new StringBuilder();
        for (int i = 0; i < s.xs().length; i++) {
            points.append(String.format(Locale.ROOT, "%.1f,%.1f ", px(s.xs()[i], xMin, xMax), py(s.ys()[i], yMax)));
        }
        return "<polyline fill=\"none\" stroke=\"" + s.color() + "\" stroke-width=\"1.5\" points=\"" + points.toString().strip() + "\"/>";
    }

    private static List<Tick> linearTicks(double min, double max) {
        List<Tick> ticks = new ArrayList<>();
        boolean whole = max - min >= TICKS;
        for (int i = 0; i <= TICKS; i++) {
            double x = min + (max - min) * i / TICKS;
            x = whole ? Math.rint(x) : x;
            ticks.add(new Tick(x, label(x)));
        }
        return ticks;
    }

    /** Whole numbers without decimals, others as the table prints them. */
    static String label(double value) {
        return value == Math.rint(value) ? String.format(Locale.ROOT, "%.0f", value) : TextReport.fmt(value);
    }

    /** 1, 2, 5 times a power of ten, at or above the value: round numbers on the y axis. */
    static double niceCeiling(double value) {
        if (!(value > 0)) {
            return 1;
        }
        double magnitude = Math.pow(10, Math.floor(Math.log10(value)));
        for (double step : new double[] {1, 2, 5, 10}) {
            if (step * magnitude >= value) {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }

    private static double px(double x, double min, double max) {
        return LEFT + (x - min) / (max - min) * (WIDTH - LEFT - RIGHT);
    }

    private static double py(double y, double max) {
        return HEIGHT - BOTTOM - Math.min(1, y / max) * (HEIGHT - TOP - BOTTOM);
    }

    private static double min(List<Series> series, boolean x) {
        return series.stream().flatMapToDouble(s -> java.util.Arrays.stream(x ? s.xs() : s.ys())).min().orElse(0);
    }

    private static double max(List<Series> series, boolean x) {
        return series.stream().flatMapToDouble(s -> java.util.Arrays.stream(x ? s.xs() : s.ys())).max().orElse(1);
    }

    private static String line(double x1, double y1, double x2, double y2, String color) {
        return String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>", x1, y1, x2, y2, color);
    }

    private static String text(double x, double y, String text, String anchor, String weight) {
        return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"12\" text-anchor=\"%s\" font-weight=\"%s\">%s</text>",
                x, y, anchor, weight, escape(text));
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
