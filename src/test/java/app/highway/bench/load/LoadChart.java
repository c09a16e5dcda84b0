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

    static void write(List<StepResult> results, Path png) throws IOException {
        if (results.isEmpty()) {
            return;
        }
        XYSeriesCollection latency = new XYSeriesCollection();
        latency.addSeries(series("carrier→model p50", results, r -> r.up()[0]));
        latency.addSeries(series("carrier→model p99", results, r -> r.up()[2]));
        latency.addSeries(series("model→carrier p50", results, r -> r.down()[0]));
        latency.addSeries(series("model→carrier p99", results, r -> r.down()[2]));
        LogAxis ms = new LogAxis("added latency per frame (ms, log)");
        ms.setSmallestValue(0.01);
        XYPlot latencyPlot = new XYPlot(latency, null, ms, new XYLineAndShapeRenderer(true, true));
        latencyPlot.addRangeMarker(target(1, "p50 target 1 ms"));
        latencyPlot.addRangeMarker(target(5, "p99 target 5 ms"));

        XYSeriesCollection cpu = new XYSeriesCollection();
        cpu.addSeries(series("bridge CPU % of a core per call", results, StepResult::cpuPctPerCall));
        XYPlot cpuPlot = new XYPlot(cpu, null, new NumberAxis("% of a core per call"),
                new XYLineAndShapeRenderer(true, true));
        cpuPlot.addRangeMarker(target(0.5, "target 0.5 %"));

        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(new NumberAxis("concurrent calls"));
        plot.add(latencyPlot, 3);
        plot.add(cpuPlot, 2);
        JFreeChart chart = new JFreeChart("Highway bridge under load (2 cores, loopback, bridge in its own JVM)",
                JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        ChartUtils.saveChartAsPNG(png.toFile(), chart, 1000, 700);
    }

    private static XYSeries series(String name, List<StepResult> results,
            java.util.function.ToDoubleFunction<StepResult> value) {
        XYSeries s = new XYSeries(name);
        for (StepResult r : results) {
            s.add(r.calls(), Math.max(0.01, value.applyAsDouble(r)));
        }
        return s;
    }

    private static ValueMarker target(double value, String label) {
        ValueMarker marker = new ValueMarker(value, Color.GRAY, new BasicStroke(1f, BasicStroke.CAP_BUTT,
                BasicStroke.JOIN_MITER, 1f, new float[] {6f, 4f}, 0f));
        marker.setLabel(label);
        return marker;
    }
}
