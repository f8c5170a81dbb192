package io.meterline.bench.load;

import io.meterline.core.HistogramBuckets;
import io.meterline.core.Labels;
import io.meterline.core.Point;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The shared peer harness's workload ({@code ../shared/bench/peers/workload.py}), generated here
 * with the same generator and seed: the same series, values and timestamps, and the same
 * time-major batches over the same shards. Histogram hosts become Meterline histogram points
 * (per-interval, per-bucket counts) in batches of their own, as {@code bench/peers/meterline_peer.py}
 * sends them. A batch's points count in the harness's units: a histogram point is its twelve
 * bucket series plus {@code _sum} and {@code _count}.
 */
final class PeerWorkload {

    static final String GAUGE = "cpu_usage";
    static final String ENUM = "service_state";
    static final String HISTOGRAM = "http_request_duration_seconds";
    static final List<String> REGIONS = List.of("us-east", "us-west", "eu-west", "ap-south");
    static final List<String> STATES = List.of("ok", "degraded", "down", "maintenance");
    static final List<String> BOUNDS = List.of("0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1", "2.5",
            "5", "10", "+Inf");
    /** The bounds as numbers, read once. */
    private static final double[] BOUND_VALUES = BOUNDS.stream().mapToDouble(HistogramBuckets::parseBound).toArray();
    private static final double[] CDF = {0.05, 0.12, 0.25, 0.45, 0.65, 0.82, 0.91, 0.96, 0.985, 0.995, 0.999, 1.0};
    /** Series per histogram host in the harness: one per bound, then _sum and _count. */
    static final int HISTOGRAM_SERIES = BOUNDS.size() + 2;

    /**
     * One request's worth: points of one connection's shard, in the order the harness sends them.
     * Made when asked for, so that the whole workload (10.8M points at full size) is never held as
     * objects at once.
     */
    record Batch(int shard, long firstTimestampMs, long harnessPoints, Supplier<List<Point>> points) {
    }

    final int series;
    final int points;
    final int intervalSeconds;
    final long startMs;
    final int enumHosts;
    final int histogramHosts;
    private final int seed;
    private final int batchPoints;
    private final int shards;
    /** Each series' labels, made once: a point shares its series' Labels, as a producer's points would. */
    private final Labels[] gaugeLabels;
    private final Labels[] hostLabels;
    private final double[][] gaugeValues;
    private final int[][] enumValues;
    /** Per histogram host: [bucket 0..11 cumulative count, sum, count][point]. */
    private final double[][][] histogramValues;

    PeerWorkload(int series, int points, int intervalSeconds, int seed, long startMs, int batchPoints, int shards) {
        this.series = series;
        this.points = points;
        this.intervalSeconds = intervalSeconds;
        this.seed = seed;
        this.startMs = startMs;
        this.enumHosts = Math.min(10, series);
        this.histogramHosts = Math.min(5, series);
        this.batchPoints = batchPoints;
        this.shards = shards;
        this.gaugeLabels = new Labels[series];
        for (int s = 0; s < series; s++) {
            gaugeLabels[s] = Labels.of(Map.of("host", "h" + s, "region", REGIONS.get(s % 4)));
        }
        this.hostLabels = new Labels[Math.max(enumHosts, histogramHosts)];
        for (int h = 0; h < hostLabels.length; h++) {
            hostLabels[h] = Labels.of(Map.of("host", "h" + h));
        }
        this.gaugeValues = new double[series][];
        this.enumValues = new int[enumHosts][];
        this.histogramValues = new double[histogramHosts][][];
        generate();
    }

    /** workload.py's default start: the last UTC midnight less the data's span, so stable for a day. */
    static long defaultStartMs(int points, int intervalSeconds, Instant now) {
        long midnight = Math.floorDiv(now.getEpochSecond(), 86_400L) * 86_400L;
        return (midnight - (long) points * intervalSeconds) * 1000L;
    }

    long timestampMs(int j) {
        return startMs + (long) j * intervalSeconds * 1000L;
    }

    /** Points in the harness's units: every series of the harness, every timestamp. */
    long harnessPoints() {
        return (long) harnessSeries() * points;
    }

    private int harnessSeries() {
        return series + enumHosts + histogramHosts * HISTOGRAM_SERIES;
    }

    private void generate() {
        for (int i = 0; i < series; i++) {
            PythonRandom rng = new PythonRandom((long) seed * 1_000_003L + i);
            double v = 5.0 + rng.random() * 90.0;
            double[] a = new double[points];
            for (int j = 0; j < points; j++) {
                v += rng.random() * 3.0 - 1.5;
                if (v < 0.0) {
                    v = -v;
                } else if (v > 100.0) {
                    v = 200.0 - v;
                }
                a[j] = PythonFloats.round(v, 2);
            }
            gaugeValues[i] = a;
        }
        for (int i = 0; i < enumHosts; i++) {
            PythonRandom rng = new PythonRandom((long) seed * 2_000_003L + i);
            int s = 0;
            int[] a = new int[points];
            for (int j = 0; j < points; j++) {
                if (rng.random() < 0.03) {
                    s = rng.randbelow(4);
                }
                a[j] = s;
            }
            enumValues[i] = a;
        }
        for (int i = 0; i < histogramHosts; i++) {
            PythonRandom rng = new PythonRandom((long) seed * 3_000_003L + i);
            long[] cumulative = new long[BOUNDS.size()];
            double sum = 0.0;
            double[][] a = new double[BOUNDS.size() + 2][points];
            for (int j = 0; j < points; j++) {
                int n = rng.randint(80, 120);
                for (int b = 0; b < CDF.length; b++) {
                    cumulative[b] += (long) (n * CDF[b] + 0.5);
                    a[b][j] = cumulative[b];
                }
                sum = PythonFloats.round(sum + n * 0.12 * (0.8 + 0.4 * rng.random()), 3);
                a[BOUNDS.size()][j] = sum;
                a[BOUNDS.size() + 1][j] = cumulative[BOUNDS.size() - 1];
            }
            histogramValues[i] = a;
        }
    }

    /** The harness's batches (shard, points of a run of timestamps), then the histogram hosts' own, sorted as the harness sends them. */
    List<Batch> batches() {
        List<Batch> out = new ArrayList<>();
        for (int shard = 0; shard < shards; shard++) {
            List<Integer> idx = new ArrayList<>();
            for (int s = shard; s < harnessSeries(); s += shards) {
                idx.add(s);
            }
            if (idx.isEmpty()) {
                continue;
            }
            if (idx.size() >= batchPoints) {
                for (int t = 0; t < points; t++) {
                    for (int g = 0; g < idx.size(); g += batchPoints) {
                        addBatch(out, shard, t, t + 1, idx.subList(g, Math.min(idx.size(), g + batchPoints)));
                    }
                }
            } else {
                int k = Math.max(1, (int) Math.rint((double) batchPoints / idx.size()));
                for (int t = 0; t < points; t += k) {
                    addBatch(out, shard, t, Math.min(points, t + k), idx);
                }
            }
        }
        int perBatch = Math.max(1, batchPoints / HISTOGRAM_SERIES);
        for (int h = 0; h < histogramHosts; h++) {
            for (int j0 = 0; j0 < points; j0 += perBatch) {
                int host = h;
                int from = j0;
                int to = Math.min(points, j0 + perBatch);
                out.add(new Batch(h % shards, timestampMs(j0), (long) (to - from) * HISTOGRAM_SERIES, () -> {
                    List<Point> batch = new ArrayList<>();
                    for (int j = from; j < to; j++) {
                        batch.add(histogramPoint(host, j));
                    }
                    return batch;
                }));
            }
        }
        out.sort(Comparator.comparingInt(Batch::shard).thenComparingLong(Batch::firstTimestampMs));
        return out;
    }

    /** A harness batch's gauge and enum points (its histogram series go in the hosts' own batches). */
    private void addBatch(List<Batch> out, int shard, int from, int to, List<Integer> idx) {
        List<Integer> kept = idx.stream().filter(s -> s < series + enumHosts).toList();
        if (kept.isEmpty()) {
            return;
        }
        out.add(new Batch(shard, timestampMs(from), (long) kept.size() * (to - from), () -> {
            List<Point> batch = new ArrayList<>();
            for (int s : kept) {
                for (int j = from; j < to; j++) {
                    batch.add(s < series ? gaugePoint(s, j) : enumPoint(s - series, j));
                }
            }
            return batch;
        }));
    }

    Point.Gauge gaugePoint(int s, int j) {
        return new Point.Gauge(GAUGE, gaugeLabels[s], Instant.ofEpochMilli(timestampMs(j)), gaugeValues[s][j]);
    }

    Point.EnumSample enumPoint(int e, int j) {
        return new Point.EnumSample(ENUM, hostLabels[e], Instant.ofEpochMilli(timestampMs(j)),
                STATES.get(enumValues[e][j]));
    }

    /** The interval's increments of the cumulative counters, per bucket (not cumulative across bounds), and of the sum. */
    Point.Histogram histogramPoint(int h, int j) {
        double[][] a = histogramValues[h];
        Map<Double, Long> buckets = new LinkedHashMap<>();
        double below = 0;
        for (int b = 0; b < BOUNDS.size(); b++) {
            double increment = a[b][j] - (j > 0 ? a[b][j - 1] : 0.0);
            buckets.put(BOUND_VALUES[b], Math.round(increment - below));
            below = increment;
        }
        int sumRow = BOUNDS.size();
        double sum = PythonFloats.round(a[sumRow][j] - (j > 0 ? a[sumRow][j - 1] : 0.0), 6);
        return new Point.Histogram(HISTOGRAM, hostLabels[h], Instant.ofEpochMilli(timestampMs(j)),
                new HistogramBuckets(buckets), sum);
    }

    double gaugeValue(int s, int j) {
        return gaugeValues[s][j];
    }
}
