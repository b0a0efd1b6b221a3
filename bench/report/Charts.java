// Draws the benchmark charts from bench/results/latest.json as PNGs, with JFreeChart only:
//
//   java -Djava.awt.headless=true -cp bench/.work/lib/jfreechart-1.5.5.jar bench/report/Charts.java results.json out-dir
//
// Writes latency-vs-load.png, throughput-vs-load.png and lag-over-time.png; a chart whose data is
// absent from the run (the CI smoke run has fewer measures) is skipped, not drawn empty.

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Ellipse2D;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.StandardChartTheme;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.TickUnits;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

public class Charts {
    static final int WIDTH = 900, HEIGHT = 500;
    static final Color BLUE = new Color(0x1f77b4), GREEN = new Color(0x2ca02c),
            RED = new Color(0xd62728), GREY = new Color(0x7f7f7f);

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: Charts <results.json> <out-dir>");
            System.exit(2);
        }
        Map<String, Object> results = obj(new Json(Files.readString(Path.of(args[0]))).parse());
        File out = new File(args[1]);
        out.mkdirs();

        Map<String, Map<String, Object>> measures = new LinkedHashMap<>();
        for (Object m : list(results.get("measures"))) measures.put((String) obj(m).get("id"), obj(m));

        latencyVsLoad(measures, out);
        throughputVsLoad(measures, out);
        lagOverTime(results, measures, out);
        scaleVsReplicas(measures, out);
    }

    /** bench/scale.sh: backlog drain rate against query-app replicas, beside what linear growth would give. */
    static void scaleVsReplicas(Map<String, Map<String, Object>> measures, File out) throws IOException {
        XYSeries drained = medians("events/s drained (median of rounds)", byPrefix(measures, "scale.drain.r"));
        if (drained.isEmpty()) return;
        XYSeries linear = new XYSeries("1 replica's rate times the replicas");
        double one = drained.getY(0).doubleValue() / drained.getX(0).doubleValue();
        for (int i = 0; i < drained.getItemCount(); i++) linear.add(drained.getX(i), one * drained.getX(i).doubleValue());
        NumberAxis x = new NumberAxis("query-app replicas");
        x.setTickUnit(new NumberTickUnit(1));
        NumberAxis y = new NumberAxis("Projection throughput (events/s)");
        y.setAutoRangeIncludesZero(true);
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(drained);
        data.addSeries(linear);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        JFreeChart chart = themed(new JFreeChart("Projection throughput against query-app replicas (bench/scale.sh)",
                JFreeChart.DEFAULT_TITLE_FONT, new XYPlot(data, x, y, renderer), true));
        renderer.setSeriesPaint(0, BLUE);
        renderer.setSeriesStroke(0, new BasicStroke(2.5f));
        renderer.setSeriesShape(0, new Ellipse2D.Double(-4, -4, 8, 8));
        renderer.setSeriesPaint(1, GREY);
        renderer.setSeriesStroke(1, new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
        renderer.setSeriesShapesVisible(1, false);
        save(chart, out, "scale-vs-replicas.png");
    }

    static void latencyVsLoad(Map<String, Map<String, Object>> measures, File out) throws IOException {
        XYSeries p50 = new XYSeries("p50"), p99 = new XYSeries("p99");
        for (Map<String, Object> m : byPrefix(measures, "command.addToCart.c")) {
            double clients = num(m.get("clients"));
            Double a = latencyMedian(m, "p50"), b = latencyMedian(m, "p99");
            if (a != null && a > 0) p50.add(clients, a);
            if (b != null && b > 0) p99.add(clients, b);
        }
        if (p50.isEmpty() && p99.isEmpty()) return;
        LogAxis y = logAxis("Latency (ms, log scale)");
        y.setSmallestValue(0.1);
        save(lineChart("addToCart latency against load (median of rounds)", y, List.of(p50, p99),
                List.of(BLUE, RED)), out, "latency-vs-load.png");
    }

    static void throughputVsLoad(Map<String, Map<String, Object>> measures, File out) throws IOException {
        XYSeries cart = medians("addToCart (req/s)", byPrefix(measures, "command.addToCart.c"));
        XYSeries pg = medians("PostgreSQL ceiling, pgbench (tps)", byPrefix(measures, "ceiling.pgbench.c"));
        if (cart.isEmpty()) return;
        // The target is half the database ceiling, so that is drawn too.
        XYSeries half = new XYSeries("50% of ceiling (target)");
        for (int i = 0; i < pg.getItemCount(); i++) half.add(pg.getX(i), pg.getY(i).doubleValue() / 2);
        NumberAxis y = new NumberAxis("Throughput (per second)");
        y.setAutoRangeIncludesZero(true);
        JFreeChart chart = lineChart("addToCart throughput against the PostgreSQL ceiling", y,
                List.of(cart, pg, half), List.of(BLUE, GREY, GREY));
        XYLineAndShapeRenderer r = (XYLineAndShapeRenderer) chart.getXYPlot().getRenderer();
        r.setSeriesStroke(2, new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
        r.setSeriesShapesVisible(2, false);
        save(chart, out, "throughput-vs-load.png");
    }

    static void lagOverTime(Map<String, Object> results, Map<String, Map<String, Object>> measures, File out)
            throws IOException {
        Object seriesRoot = results.get("series");
        List<Object> points = seriesRoot == null ? List.of() : list(obj(seriesRoot).get("projectionLag"));
        if (points.isEmpty()) return;
        XYSeries lag = new XYSeries("lag of one probe event", false, true);
        for (Object p : points) lag.add(num(obj(p).get("t")), num(obj(p).get("lagMs")));

        NumberAxis x = new NumberAxis("Time since the probe started (s)");
        x.setAutoRangeIncludesZero(true);
        NumberAxis y = new NumberAxis("Lag, commit to visible (ms)");
        y.setAutoRangeIncludesZero(true);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(false, true);
        XYPlot plot = new XYPlot(new XYSeriesCollection(lag), x, y, renderer);
        Map<String, Object> m = measures.get("lag.projection");
        String title = m != null && m.get("title") != null ? (String) m.get("title") : "Projection lag over time";
        JFreeChart chart = themed(new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true));
        renderer.setSeriesPaint(0, new Color(BLUE.getRed(), BLUE.getGreen(), BLUE.getBlue(), 170));
        renderer.setSeriesShape(0, new Ellipse2D.Double(-2.5, -2.5, 5, 5));

        // The lines are the run's reported percentiles (median over rounds), so they match the tables.
        Double p50 = m == null ? null : latencyMedian(m, "p50"), p99 = m == null ? null : latencyMedian(m, "p99");
        if (p50 != null) plot.addRangeMarker(marker(p50, "p50 " + fmt(p50) + " ms", GREEN));
        if (p99 != null) plot.addRangeMarker(marker(p99, "p99 " + fmt(p99) + " ms", RED));
        save(chart, out, "lag-over-time.png");
    }

    // Clients go 1, 16, 32, 64: a log axis spaces them evenly enough to read.
    static JFreeChart lineChart(String title, org.jfree.chart.axis.ValueAxis y, List<XYSeries> series, List<Color> colors) {
        LogAxis x = logAxis("Concurrent clients (log scale)");
        x.setSmallestValue(1);
        x.setLowerMargin(0.05);
        x.setUpperMargin(0.05);
        XYSeriesCollection data = new XYSeriesCollection();
        series.forEach(data::addSeries);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        JFreeChart chart = themed(new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, new XYPlot(data, x, y, renderer), true));
        for (int i = 0; i < series.size(); i++) {
            renderer.setSeriesPaint(i, colors.get(i));
            renderer.setSeriesStroke(i, new BasicStroke(2.5f));
            renderer.setSeriesShape(i, new Ellipse2D.Double(-4, -4, 8, 8));
        }
        return chart;
    }

    // Base 2 with a tick at every power gives 1, 2, 4 ... 64 clients and 8, 16, 32 ... ms: denser
    // labels than decades, as plain numbers rather than JFreeChart's default 2^n.
    static LogAxis logAxis(String label) {
        LogAxis axis = new LogAxis(label);
        axis.setBase(2);
        TickUnits units = new TickUnits();
        units.add(new NumberTickUnit(1));
        axis.setStandardTickUnits(units);
        axis.setNumberFormatOverride(new java.text.DecimalFormat("#,##0.##"));
        return axis;
    }

    // Applied before any series styling, which the theme would otherwise reset.
    static JFreeChart themed(JFreeChart chart) {
        THEME.apply(chart);
        return chart;
    }

    static ValueMarker marker(double value, String label, Color color) {
        ValueMarker marker = new ValueMarker(value, color, new BasicStroke(2f, BasicStroke.CAP_BUTT,
                BasicStroke.JOIN_MITER, 10f, new float[] {8f, 4f}, 0f));
        marker.setLabel(label);
        marker.setLabelFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        marker.setLabelPaint(color);
        marker.setLabelBackgroundColor(new Color(255, 255, 255, 220));
        marker.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
        marker.setLabelTextAnchor(TextAnchor.BOTTOM_RIGHT);
        marker.setLabelOffset(new RectangleInsets(2, 2, 2, 6));
        return marker;
    }

    static XYSeries medians(String name, List<Map<String, Object>> ms) {
        XYSeries s = new XYSeries(name);
        for (Map<String, Object> m : ms) if (m.get("median") != null) s.add(num(m.get("clients")), num(m.get("median")));
        return s;
    }

    static List<Map<String, Object>> byPrefix(Map<String, Map<String, Object>> measures, String prefix) {
        List<Map<String, Object>> found = new ArrayList<>();
        measures.forEach((id, m) -> {
            if (id.startsWith(prefix) && m.get("clients") != null) found.add(m);
        });
        found.sort((a, b) -> Double.compare(num(a.get("clients")), num(b.get("clients"))));
        return found;
    }

    static Double latencyMedian(Map<String, Object> m, String key) {
        if (!(m.get("latency") instanceof Map<?, ?> latency) || !(latency.get(key) instanceof Map<?, ?> spread)) return null;
        return spread.get("median") instanceof Double d ? d : null;
    }

    static void save(JFreeChart chart, File dir, String name) throws IOException {
        chart.setPadding(new RectangleInsets(8, 8, 8, 16));
        ChartUtils.saveChartAsPNG(new File(dir, name), chart, WIDTH, HEIGHT);
        System.out.println("wrote " + new File(dir, name));
    }

    static String fmt(double v) {
        return String.format(java.util.Locale.ROOT, "%.1f", v);
    }

    // JFreeChart's default fonts are small for a 900-pixel image shown in a Markdown page.
    static final StandardChartTheme THEME = (StandardChartTheme) StandardChartTheme.createJFreeTheme();
    static {
        THEME.setExtraLargeFont(new Font(Font.SANS_SERIF, Font.BOLD, 20));
        THEME.setLargeFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        THEME.setRegularFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        THEME.setSmallFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        THEME.setPlotBackgroundPaint(Color.WHITE);
        THEME.setDomainGridlinePaint(new Color(0xcccccc));
        THEME.setRangeGridlinePaint(new Color(0xcccccc));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> obj(Object o) {
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object o) {
        return o == null ? List.of() : (List<Object>) o;
    }

    static double num(Object o) {
        return ((Number) o).doubleValue();
    }

    // Just enough JSON for the harness's own output: objects, arrays, strings, numbers (as Double),
    // true, false, null. Keeps the charts free of a second library.
    static class Json {
        final String s;
        int i;

        Json(String s) {
            this.s = s;
        }

        Object parse() {
            Object v = value();
            ws();
            if (i != s.length()) throw error("trailing text");
            return v;
        }

        Object value() {
            ws();
            if (i >= s.length()) throw error("unexpected end");
            char c = s.charAt(i);
            switch (c) {
                case '{': {
                    Map<String, Object> m = new LinkedHashMap<>();
                    i++;
                    ws();
                    if (s.charAt(i) == '}') { i++; return m; }
                    do {
                        ws();
                        String key = string();
                        ws();
                        expect(':');
                        m.put(key, value());
                        ws();
                    } while (s.charAt(i++) == ',');
                    if (s.charAt(i - 1) != '}') throw error("expected , or }");
                    return m;
                }
                case '[': {
                    List<Object> l = new ArrayList<>();
                    i++;
                    ws();
                    if (s.charAt(i) == ']') { i++; return l; }
                    do {
                        l.add(value());
                        ws();
                    } while (s.charAt(i++) == ',');
                    if (s.charAt(i - 1) != ']') throw error("expected , or ]");
                    return l;
                }
                case '"':
                    return string();
                default:
                    if (s.startsWith("true", i)) { i += 4; return Boolean.TRUE; }
                    if (s.startsWith("false", i)) { i += 5; return Boolean.FALSE; }
                    if (s.startsWith("null", i)) { i += 4; return null; }
                    int start = i;
                    while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) i++;
                    if (start == i) throw error("unexpected character '" + c + "'");
                    return Double.parseDouble(s.substring(start, i));
            }
        }

        String string() {
            expect('"');
            StringBuilder b = new StringBuilder();
            for (char c; (c = s.charAt(i++)) != '"'; ) {
                if (c != '\\') { b.append(c); continue; }
                char e = s.charAt(i++);
                switch (e) {
                    case 'n' -> b.append('\n');
                    case 't' -> b.append('\t');
                    case 'r' -> b.append('\r');
                    case 'b' -> b.append('\b');
                    case 'f' -> b.append('\f');
                    case 'u' -> { b.append((char) Integer.parseInt(s.substring(i, i + 4), 16)); i += 4; }
                    default -> b.append(e); // \" \\ \/
                }
            }
            return b.toString();
        }

        void expect(char c) {
            if (i >= s.length() || s.charAt(i) != c) throw error("expected '" + c + "'");
            i++;
        }

        void ws() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++;
        }

        IllegalArgumentException error(String what) {
            return new IllegalArgumentException("results JSON: " + what + " at offset " + i);
        }
    }
}
