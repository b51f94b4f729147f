package io.ferry.bench.evidence;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

/** The evidence document's PNG bar charts (XChart): memory, batching and CPU per thread group. */
final class EvidenceCharts {
    private EvidenceCharts() {
    }

    static Path memory(List<MemoryEvidence.Row> rows, Path dir) throws IOException {
        Map<String, List<Double>> series = new LinkedHashMap<>();
        for (MemoryEvidence.Row r : rows) {
            series.computeIfAbsent("user, idle", k -> new ArrayList<>()).add(r.idle().userBytes());
            series.computeIfAbsent("kernel, idle", k -> new ArrayList<>()).add(r.idle().kernelBytes());
            series.computeIfAbsent("user, 4 KiB unread", k -> new ArrayList<>()).add(r.unread().userBytes());
            series.computeIfAbsent("kernel, 4 KiB unread", k -> new ArrayList<>()).add(r.unread().kernelBytes());
        }
        return save(chart("Memory per connection (bytes)", "variant / handler", "bytes per connection",
            rows.stream().map(r -> r.variant() + " / " + r.handler()).toList(), series, false), dir.resolve("memory"));
    }

    static Path batching(List<BatchingEvidence.Row> rows, Path dir) throws IOException {
        List<String> cells = rows.stream().map(EvidenceCharts::cell).distinct().toList();
        Map<String, List<Double>> series = new LinkedHashMap<>();
        for (String variant : rows.stream().map(BatchingEvidence.Row::variant).distinct().toList()) {
            List<Double> ys = new ArrayList<>();
            for (String c : cells) {
                ys.add(rows.stream().filter(r -> r.variant().equals(variant) && cell(r).equals(c))
                    .mapToDouble(BatchingEvidence.Row::eventsPerWakeup).findFirst().orElse(Double.NaN));
            }
            series.put(variant, ys);
        }
        return save(chart("Completions or events per wake-up", "connections x messages in flight",
            "events per wake-up", cells, series, false), dir.resolve("batching"));
    }

    static Path threads(List<ThreadEvidence.Row> rows, Path dir) throws IOException {
        List<String> xs = rows.stream().map(r -> r.workload() + " / " + r.variant()).toList();
        Map<String, List<Double>> series = new LinkedHashMap<>();
        for (String g : ThreadEvidence.GROUPS) {
            series.put(g, rows.stream().map(r -> r.cpuMillis().getOrDefault(g, 0.0)).toList());
        }
        return save(chart("CPU milliseconds by thread group", "workload / variant", "CPU ms", xs, series, true),
            dir.resolve("threads"));
    }

    private static String cell(BatchingEvidence.Row r) {
        return r.connections() + " x " + r.depth();
    }

    private static CategoryChart chart(String title, String x, String y, List<String> xs,
                                       Map<String, List<Double>> series, boolean stacked) {
        System.setProperty("java.awt.headless", "true");
        CategoryChart chart = new CategoryChartBuilder().width(1400).height(700).title(title).xAxisTitle(x)
            .yAxisTitle(y).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setStacked(stacked);
        chart.getStyler().setXAxisLabelRotation(stacked ? 20 : 0);
        series.forEach((name, ys) -> {
            if (ys.stream().anyMatch(v -> !Double.isNaN(v))) {
                chart.addSeries(name, xs, ys.stream().map(v -> Double.isNaN(v) ? 0.0 : v).toList());
            }
        });
        return chart;
    }

    private static Path save(CategoryChart chart, Path file) throws IOException {
        if (chart.getSeriesMap().isEmpty()) {
            return null;
        }
        Files.createDirectories(file.getParent());
        BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
        return Path.of(file + ".png");
    }
}
