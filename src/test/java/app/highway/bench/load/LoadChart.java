package app.highway.bench.load;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** The report's chart: added latency (p50, p99, both ways, log scale) and CPU per call against calls. */
final class LoadChart {
    private LoadChart() {
    }

    /** Redraws the chart from a saved CSV: {@code LoadChart target/bench/load.csv target/bench/load.png}. */
    public static void main(String[] args) throws IOException {
        List<double[]> rows = new java.util.ArrayList<>();
        List<String> lines = java.nio.file.Files.readAllLines(Path.of(args[0]));
        for (String line : lines.subList(1, lines.size())) {
            String[] c = line.split(",");
            // calls, up p50, up p99, down p50, down p99, CPU % per call
            rows.add(new double[] {Double.parseDouble(c[0]), Double.parseDouble(c[1]), Double.parseDouble(c[3]),
                    Double.parseDouble(c[5]), Double.parseDouble(c[7]), Double.parseDouble(c[14])});
        }
        draw(rows, Path.of(args[1]));
    }

    static void write(List<StepResult> results, Path png) throws IOException {
        if (results.isEmpty()) {
            return;
        }
        draw(results.stream().map(r -> new double[] {r.calls(), r.up()[0], r.up()[2], r.down()[0], r.down()[2],
                r.cpuPctPerCall()}).toList(), png);
    }

    private static void draw(List<double[]> rows, Path png) throws IOException {
        XYSeriesCollection latency = new XYSeriesCollection();
        latency.addSeries(series("carrier→model p50", rows, 1));
        latency.addSeries(series("carrier→model p99", rows, 2));
        latency.addSeries(series("model→carrier p50", rows, 3));
        latency.addSeries(series("model→carrier p99", rows, 4));
        LogAxis ms = new LogAxis("added latency per frame (ms, log scale)");
        ms.setSmallestValue(0.05);
        ms.setNumberFormatOverride(new java.text.DecimalFormat("0.##"));
        XYLineAndShapeRenderer lines = new XYLineAndShapeRenderer(true, true);
        Color[] colors = {new Color(0x1f77b4), new Color(0x1f77b4), new Color(0xd62728), new Color(0xd62728)};
        for (int i = 0; i < colors.length; i++) {
            lines.setSeriesPaint(i, colors[i]);
            lines.setSeriesStroke(i, i % 2 == 0 ? new BasicStroke(2f) : new BasicStroke(2f, BasicStroke.CAP_BUTT,
                    BasicStroke.JOIN_MITER, 1f, new float[] {8f, 4f}, 0f));
        }
        XYPlot latencyPlot = new XYPlot(latency, null, ms, lines);
        latencyPlot.addRangeMarker(target(1, "p50 target 1 ms"));
        latencyPlot.addRangeMarker(target(5, "p99 target 5 ms"));

        XYSeriesCollection cpu = new XYSeriesCollection();
        cpu.addSeries(series("bridge CPU % of a core per call", rows, 5));
        LogAxis pct = new LogAxis("% of a core per call (log scale)");
        pct.setSmallestValue(0.1);
        pct.setNumberFormatOverride(new java.text.DecimalFormat("0.##"));
        XYLineAndShapeRenderer cpuLine = new XYLineAndShapeRenderer(true, true);
        cpuLine.setSeriesPaint(0, new Color(0x2ca02c));
        cpuLine.setSeriesStroke(0, new BasicStroke(2f));
        XYPlot cpuPlot = new XYPlot(cpu, null, pct, cpuLine);
        cpuPlot.addRangeMarker(target(0.5, "target 0.5 %"));

        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(new NumberAxis("concurrent calls"));
        plot.add(latencyPlot, 3);
        plot.add(cpuPlot, 2);
        JFreeChart chart = new JFreeChart("Highway bridge under load (2 cores, loopback, bridge in its own JVM)",
                JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        ChartUtils.saveChartAsPNG(png.toFile(), chart, 1000, 700);
    }

    private static XYSeries series(String name, List<double[]> rows, int column) {
        XYSeries s = new XYSeries(name);
        for (double[] r : rows) {
            s.add(r[0], Math.max(0.05, r[column]));
        }
        return s;
    }

    private static ValueMarker target(double value, String label) {
        ValueMarker marker = new ValueMarker(value, Color.GRAY, new BasicStroke(1f, BasicStroke.CAP_BUTT,
                BasicStroke.JOIN_MITER, 1f, new float[] {6f, 4f}, 0f));
        marker.setLabel(label);
        marker.setLabelAnchor(org.jfree.chart.ui.RectangleAnchor.TOP_RIGHT);
        marker.setLabelTextAnchor(org.jfree.chart.ui.TextAnchor.BOTTOM_RIGHT);
        return marker;
    }
}
