package io.lockstep.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;

/** The latency series as a bar chart of p50 / p95 / p99 (PNG, next to the results). */
final class Chart {
    private Chart() {
    }

    static String write(Path dir, Map<String, Samples> series) throws IOException {
        if (series.isEmpty()) {
            return null;
        }
        CategoryChart chart = new CategoryChartBuilder().width(1000).height(500)
                .title("Lockstep latencies (ms)").xAxisTitle("series").yAxisTitle("ms").build();
        List<String> names = new ArrayList<>(series.keySet());
        for (double p : new double[] {50, 95, 99}) {
            List<Double> values = names.stream().map(n -> series.get(n).percentile(p)).toList();
            chart.addSeries("p" + (int) p, names, values);
        }
        chart.getStyler().setXAxisLabelRotation(20);
        String file = "latency.png";
        BitmapEncoder.saveBitmap(chart, dir.resolve(file).toString(), BitmapEncoder.BitmapFormat.PNG);
        return file;
    }
}
