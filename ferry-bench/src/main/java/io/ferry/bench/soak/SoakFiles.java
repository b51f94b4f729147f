package io.ferry.bench.soak;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;

/** A soak's samples as {@code PREFIX.csv} (one row per sample) and {@code PREFIX.png} (one panel per series). */
final class SoakFiles {
    private SoakFiles() {
    }

    /** Writes the CSV: seconds since the load started, requests answered by then, then one column per series. */
    static Path csv(List<Sample> samples, Path prefix) throws IOException {
        StringBuilder csv = new StringBuilder("seconds,requests");
        for (Series s : Series.values()) {
            csv.append(',').append(s.column());
        }
        csv.append('\n');
        for (Sample sample : samples) {
            csv.append(String.format(Locale.ROOT, "%.1f,%d", sample.seconds(), sample.requests()));
            for (Series s : Series.values()) {
                csv.append(String.format(Locale.ROOT, ",%.3f", sample.value(s)));
            }
            csv.append('\n');
        }
        Path file = Path.of(prefix + ".csv");
        Files.writeString(file, csv);
        return file;
    }

    /** Writes the chart: one panel per series, titled with its verdict; the x-axis title says where warm-up ended. */
    static Path png(List<Sample> samples, Map<Series, Trend.Verdict> verdicts, double warmupSeconds, String title,
                    Path prefix) throws IOException {
        System.setProperty("java.awt.headless", "true");
        List<XYChart> charts = new ArrayList<>();
        double[] t = samples.stream().mapToDouble(Sample::seconds).toArray();
        for (Series s : Series.values()) {
            Trend.Verdict v = verdicts.get(s);
            XYChart chart = new XYChartBuilder().width(600).height(360)
                .title(s.title() + (v == null ? "" : v.rising() ? ": RISING" : ": flat"))
                .xAxisTitle("seconds (warm-up until " + Math.round(warmupSeconds) + ")").yAxisTitle(s.title()).build();
            chart.getStyler().setLegendVisible(false);
            chart.getStyler().setMarkerSize(4);
            chart.getStyler().setChartTitleBoxVisible(false);
            chart.addSeries(s.column(), t, samples.stream().mapToDouble(x -> x.value(s)).toArray());
            charts.add(chart);
        }
        charts.getFirst().setTitle(title + ": " + charts.getFirst().getTitle());
        String file = prefix.toString();
        BitmapEncoder.saveBitmap(charts, 2, 3, file, BitmapEncoder.BitmapFormat.PNG);
        return Path.of(file + ".png");
    }
}
