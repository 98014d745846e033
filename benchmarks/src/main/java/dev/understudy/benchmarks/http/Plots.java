package dev.understudy.benchmarks.http;

import java.io.IOException;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.util.List;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.category.DefaultCategoryDataset;

/** The report's PNG plots (JFreeChart, headless): throughput, latency percentiles, CPU per request. */
final class Plots {
    private static final int WIDTH = 900;
    private static final int HEIGHT = 500;

    private Plots() {
    }

    static void write(Path directory, List<Report.Row> rows, List<Integer> rates) throws IOException {
        System.setProperty("java.awt.headless", "true");
        DefaultCategoryDataset throughput = new DefaultCategoryDataset();
        for (Report.Row r : rows) {
            throughput.addValue(r.perSecond(), "closed loop", label(r));
        }
        save(directory.resolve("throughput.png"), ChartFactory.createBarChart(
                "Closed-loop throughput (median of the rounds)", null, "requests per second", throughput,
                PlotOrientation.HORIZONTAL, false, false, false));

        DefaultCategoryDataset latency = new DefaultCategoryDataset();
        for (Report.Row r : rows) {
            for (int rate : rates) {
                double[] o = r.open().get(rate);
                latency.addValue(o[1], "p50 at " + rate + "/s", label(r));
                latency.addValue(o[2], "p99 at " + rate + "/s", label(r));
                latency.addValue(o[3], "p99.9 at " + rate + "/s", label(r));
            }
        }
        JFreeChart latencyChart = ChartFactory.createBarChart("Open-loop latency from the intended send time", null,
                "milliseconds (log scale)", latency, PlotOrientation.VERTICAL, true, false, false);
        CategoryPlot plot = latencyChart.getCategoryPlot();
        LogAxis axis = new LogAxis("milliseconds (log scale)");
        axis.setSmallestValue(0.05);
        axis.setTickUnit(new NumberTickUnit(1.0)); // one tick per decade
        axis.setNumberFormatOverride(new DecimalFormat("0.###"));
        plot.setRangeAxis(axis);
        save(directory.resolve("latency.png"), latencyChart);

        DefaultCategoryDataset cpu = new DefaultCategoryDataset();
        for (Report.Row r : rows) {
            cpu.addValue(r.nodeCpu(), "server JVMs (Payara or WildFly)", label(r));
            cpu.addValue(Double.isNaN(r.brokerCpu()) ? 0 : r.brokerCpu(), "broker", label(r));
        }
        save(directory.resolve("cpu.png"), ChartFactory.createStackedBarChart("CPU time per request", null,
                "microseconds per request", cpu, PlotOrientation.HORIZONTAL, true, false, false));
    }

    private static String label(Report.Row r) {
        return String.format(java.util.Locale.ROOT, "%s (%.2f×)", r.config().label(), r.ratio());
    }

    private static void save(Path file, JFreeChart chart) throws IOException {
        chart.getPlot().setBackgroundPaint(java.awt.Color.WHITE);
        if (chart.getPlot() instanceof CategoryPlot category) {
            category.setRangeGridlinePaint(java.awt.Color.LIGHT_GRAY);
        }
        ChartUtils.saveChartAsPNG(file.toFile(), chart, WIDTH, HEIGHT);
    }
}
