package io.meterline.bench;

import io.meterline.core.LabelFilter;
import io.meterline.core.Labels;
import io.meterline.core.MetricDefinition;
import io.meterline.core.MetricType;
import io.meterline.core.Point;
import io.meterline.core.Step;
import io.meterline.core.TimeRange;
import io.meterline.core.storage.DownsampleQuery;
import io.meterline.core.storage.PointWriter;
import io.meterline.storage.QuestDbMetricStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;

/**
 * Downsampled-query latency on the benchmark's data shape, straight on the storage engine (no
 * HTTP, no Kafka): S gauge series x N points at 10 s spacing (a random walk, as the peers'
 * workload), written the way the stream writes them (commit, then rollups), then Q1 (one series)
 * and Q2 (all series grouped by region) into about 1,000 buckets, R runs each.
 *
 * <pre>java -Xmx2g -cp bench/target/classes:$(cat bench/target/cp.txt) io.meterline.bench.QueryBench 1000 10000 20</pre>
 */
public final class QueryBench {

    private QueryBench() {
    }

    public static void main(String[] args) throws Exception {
        int series = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int points = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        Path dir = Files.createTempDirectory("meterline-querybench");
        MetricDefinition cpu = new MetricDefinition("cpu_usage", MetricType.GAUGE, List.of("host", "region"),
                Instant.now(), "", "", null, null);
        Instant end = Instant.now().truncatedTo(ChronoUnit.DAYS);
        Instant start = end.minusSeconds(10L * points);
        try (QuestDbMetricStore store = new QuestDbMetricStore(dir.resolve("q"))) {
            long t0 = System.nanoTime();
            GaugeWorkload.load(store, series, points, start);
            store.awaitApplied();
            double loadSeconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf("loaded %,d points (%d series x %d) with rollups in %.1f s: %,.0f points/s%n",
                    (long) series * points, series, points, loadSeconds, series * (double) points / loadSeconds);
            TimeRange range = new TimeRange(start, end);
            Step harnessStep = Step.seconds(Math.max(10, Math.round(10.0 * points / 1000)));
            Step autoStep = Step.auto(start, end, 1000);
            LabelFilter oneHost = new LabelFilter(Map.of("host", Set.of("h0")));
            for (Step step : List.of(harnessStep, autoStep)) {
                measure("Q1 one series, step " + step.text(), store, cpu, new DownsampleQuery(range, oneHost, step, null), runs);
                measure("Q2 by region, step " + step.text(), store, cpu,
                        new DownsampleQuery(range, LabelFilter.NONE, step, List.of("region")), runs);
            }
        }
    }

    private static void measure(String name, QuestDbMetricStore store, MetricDefinition cpu, DownsampleQuery query, int runs) {
        Histogram micros = new Histogram(3);
        LongAdder buckets = new LongAdder();
        for (int i = 0; i < runs; i++) {
            buckets.reset();
            long t = System.nanoTime();
            store.reader().downsample(cpu, query, b -> buckets.increment());
            micros.recordValue((System.nanoTime() - t) / 1_000);
        }
        long seconds = query.step().width().getSeconds();
        String tier = seconds % 3_600 == 0 ? "1h" : seconds % 60 == 0 ? "1m" : "raw";
        System.out.printf("%-28s tier %-3s  buckets %,7d  median %8.1f ms  p99 %8.1f ms  (n=%d)%n", name, tier,
                buckets.sum(), micros.getValueAtPercentile(50) / 1e3, micros.getValueAtPercentile(99) / 1e3, runs);
    }
}
