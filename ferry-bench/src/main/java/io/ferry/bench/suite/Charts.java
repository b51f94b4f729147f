package io.ferry.bench.suite;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

/** PNG bar charts (XChart) of throughput and p99 latency: one group per workload, one bar per server. */
public final class Charts {
    private Charts() {
    }

    /** Writes {@code prefix-throughput.png} and {@code prefix-p99.png} (if any run succeeded); returns their paths. */
    public static List<Path> write(List<Row> rows, Path prefix) throws IOException {
        System.setProperty("java.awt.headless", "true");
        List<Path> out = new ArrayList<>();
        out.add(chart(rows, prefix + "-throughput", "Throughput relative to the fastest server of each workload"
            + " (higher is better; absolute req/s in the Markdown table)", "relative throughput",
            m -> m.requestsPerSecond(), true, false));
        out.add(chart(rows, prefix + "-p99", "p99 latency in microseconds (lower is better)", "us",
            m -> m.p99Micros(), false, false));
        out.removeIf(java.util.Objects::isNull);
        return out;
    }

    private static Path chart(List<Row> rows, String file, String title, String yTitle,
                              ToDoubleFunction<Measurement> value, boolean relative, boolean log) throws IOException {
        Set<String> workloads = new LinkedHashSet<>();
        Set<String> servers = new LinkedHashSet<>();
        for (Row r : rows) {
            workloads.add(r.workload());
            servers.add(r.server());
        }
        CategoryChart chart = new CategoryChartBuilder().width(1400).height(700).title(title)
            .xAxisTitle("workload").yAxisTitle(yTitle).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setOverlapped(false);
        chart.getStyler().setYAxisLogarithmic(log);
        List<String> xs = List.copyOf(workloads);
        for (String server : servers) {
            List<Double> ys = new ArrayList<>();
            for (String w : xs) {
                double best = relative ? rows.stream().filter(r -> r.workload().equals(w) && r.median() != null)
                    .mapToDouble(r -> value.applyAsDouble(r.median())).max().orElse(1) : 1;
                ys.add(rows.stream().filter(r -> r.server().equals(server) && r.workload().equals(w)
                    && r.median() != null).mapToDouble(r -> value.applyAsDouble(r.median()))
                    .filter(v -> v > 0 && !Double.isNaN(v)).mapToObj(v -> v / best).findFirst().orElse(null));
            }
            if (ys.stream().anyMatch(java.util.Objects::nonNull)) {
                chart.addSeries(server, xs, ys);
            }
        }
        if (chart.getSeriesMap().isEmpty()) {
            return null; // nothing succeeded: no chart
        }
        BitmapEncoder.saveBitmap(chart, file, BitmapEncoder.BitmapFormat.PNG);
        return Path.of(file + ".png");
    }
}
