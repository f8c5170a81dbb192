package io.meterline.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.meterline.core.HistogramBuckets;
import io.meterline.core.LabelFilter;
import io.meterline.core.Labels;
import io.meterline.core.MetricDefinition;
import io.meterline.core.MetricType;
import io.meterline.core.Point;
import io.meterline.core.Step;
import io.meterline.core.TimeRange;
import io.meterline.core.storage.Bucket;
import io.meterline.core.storage.DownsampleQuery;
import io.meterline.core.storage.PointWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded fuzz: random series and points written out of order, in several late batches and with a
 * replayed batch; every downsampled answer, from every tier that can serve its step, must equal a
 * naive reference aggregation of the points written, also where a read is cut in parts read on
 * several threads. Set -Dfuzz.seed=N to replay a failure.
 */
class DownsamplingFuzzTest {

    private static final long SEED = Long.getLong("fuzz.seed", System.nanoTime());
    private static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(3, ChronoUnit.DAYS);
    private static final List<Step> STEPS = List.of(Step.seconds(1), Step.seconds(10), Step.seconds(90), Step.seconds(60),
            Step.seconds(300), Step.seconds(3_600), Step.seconds(7_200), Step.seconds(86_400));

    @TempDir
    static Path root;
    private static QuestDbMetricStore store;

    @BeforeAll
    static void open() {
        // three read threads whatever the machine: long reads are cut in parts (BucketAlignedParts)
        store = new QuestDbMetricStore(root, StorageSettings.DEFAULTS, 3);
    }

    @AfterAll
    static void close() {
        store.close();
    }

    @Test
    void gaugeRollupsAndEveryTierEqualTheReference() {
        check(MetricType.GAUGE);
    }

    @Test
    void enumRollupsAndEveryTierEqualTheReference() {
        check(MetricType.ENUM);
    }

    @Test
    void histogramRollupsAndEveryTierEqualTheReference() {
        check(MetricType.HISTOGRAM);
    }

    private void check(MetricType type) {
        Random random = new Random(SEED + type.ordinal());
        MetricDefinition def = new MetricDefinition("fuzz_" + type.wireName(), type, List.of("host", "region"),
                T0, "", "", null, null);
        List<Point> points = generate(def, random);
        List<Point> shuffled = new ArrayList<>(points);
        Collections.shuffle(shuffled, random);
        try (PointWriter writer = store.openWriter()) {
            int batches = 2 + random.nextInt(5);
            int size = shuffled.size() / batches + 1;
            for (int from = 0; from < shuffled.size(); from += size) {
                List<Point> batch = shuffled.subList(from, Math.min(shuffled.size(), from + size));
                write(writer, batch);
                if (from == 0) {
                    write(writer, batch); // a replay after a crash: must change nothing
                }
            }
        }
        store.awaitApplied();
        QuestDbMetricReader reader = (QuestDbMetricReader) store.reader();
        for (int i = 0; i < 25; i++) {
            Step step = STEPS.get(random.nextInt(STEPS.size()));
            List<String> groupBy = switch (random.nextInt(5)) {
                case 0 -> null;
                case 1 -> List.of();
                case 2 -> List.of("host");
                case 3 -> List.of("region");
                default -> List.of("host", "region");
            };
            // bounds anywhere, to the millisecond: buckets at the edges hold only the points inside
            Instant start = T0.plusSeconds(random.nextInt(6 * 3_600) - 600).plusMillis(random.nextInt(4) == 0 ? 0 : random.nextInt(1_000));
            Instant end = start.plusSeconds(random.nextInt(8 * 3_600)).plusMillis(random.nextInt(1_000));
            LabelFilter filter = random.nextBoolean() ? LabelFilter.NONE
                    : new LabelFilter(Map.of("host", Set.of("h" + random.nextInt(4))));
            DownsampleQuery query = new DownsampleQuery(new TimeRange(start, end), filter, step, groupBy);
            List<Bucket> expected = reference(points, query);
            for (Tier tier : Tier.values()) {
                if (tier.resolution != null && step.width().getSeconds() % tier.resolution.width().getSeconds() != 0) {
                    continue;
                }
                List<Bucket> actual = new ArrayList<>();
                reader.downsample(def, query, tier, actual::add);
                assertThat(actual).as("seed=%d type=%s tier=%s query=%s", SEED, type, tier, query)
                        .isEqualTo(expected);
            }
        }
        checkTotals(def, points, random);
    }

    /**
     * Distributions over long ranges use hourly rollups for the whole hours: still exact. Also with
     * an open end or two (the metric's first or last point stands in for it).
     */
    private static void checkTotals(MetricDefinition def, List<Point> points, Random random) {
        for (int i = 0; i < 16; i++) {
            Instant start = T0.plusSeconds(random.nextInt(2 * 3_600) - 600).plusMillis(random.nextInt(1_000));
            Instant end = start.plusSeconds(random.nextInt(7 * 3_600));
            TimeRange range = switch (i % 4) {
                case 1 -> new TimeRange(null, end);
                case 2 -> new TimeRange(start, null);
                case 3 -> TimeRange.ALL;
                default -> new TimeRange(start, end);
            };
            Bucket expected = null;
            for (Point p : points) {
                if ((range.start() == null || !p.timestamp().isBefore(range.start()))
                        && (range.end() == null || !p.timestamp().isAfter(range.end()))) {
                    Bucket b = Bucket.of(p, T0, Labels.EMPTY);
                    expected = expected == null ? b : expected.plus(b);
                }
            }
            String context = "seed=" + SEED + " range=" + range;
            if (def.type() == MetricType.ENUM) {
                Map<String, Long> counts = expected == null ? Map.of() : ((Bucket.EnumBucket) expected).counts();
                assertThat(store.reader().stateCounts(def, range, LabelFilter.NONE)).as(context).isEqualTo(counts);
            } else if (def.type() == MetricType.HISTOGRAM && expected != null) {
                Bucket.HistogramBucket h = (Bucket.HistogramBucket) expected;
                var totals = store.reader().histogramTotals(def, range, LabelFilter.NONE);
                assertThat(totals.buckets()).as(context).isEqualTo(h.buckets());
                assertThat(totals.count()).as(context).isEqualTo(h.count());
                assertThat(totals.sum()).as(context).isEqualTo(h.sum());
            }
        }
    }

    private static void write(PointWriter writer, List<Point> batch) {
        batch.forEach(writer::write);
        writer.commit();
        writer.commitRollups();
    }

    /** Distinct timestamps per series over six hours; whole-number values so sums are exact in any order. */
    private static List<Point> generate(MetricDefinition def, Random random) {
        List<Point> points = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        int n = 1_500 + random.nextInt(1_500);
        while (points.size() < n) {
            Labels labels = Labels.of(Map.of("host", "h" + random.nextInt(4), "region", "r" + random.nextInt(2)));
            Instant ts = T0.plusMillis(random.nextInt(6 * 3_600) * 1_000L + random.nextInt(1_000));
            if (!seen.add(labels.canonical() + ts)) {
                continue;
            }
            points.add(switch (def.type()) {
                case GAUGE -> new Point.Gauge(def.name(), labels, ts, random.nextInt(2_001) - 1_000);
                case ENUM -> new Point.EnumSample(def.name(), labels, ts, List.of("OK", "WARN", "DOWN").get(random.nextInt(3)));
                case HISTOGRAM -> new Point.Histogram(def.name(), labels, ts, new HistogramBuckets(Map.of(
                        10.0, (long) random.nextInt(5), 100.0, (long) random.nextInt(5), Double.POSITIVE_INFINITY,
                        (long) random.nextInt(2))), random.nextBoolean() ? null : (double) random.nextInt(500));
            });
        }
        return points;
    }

    /**
     * The naive model: every point inside the range's inclusive bounds into its bucket, grouped,
     * merged; ordered by start then labels.
     */
    private static List<Bucket> reference(List<Point> points, DownsampleQuery q) {
        Map<String, Bucket> buckets = new HashMap<>();
        for (Point p : points) {
            Instant start = q.step().bucketStart(p.timestamp());
            if (p.timestamp().isBefore(q.range().start()) || p.timestamp().isAfter(q.range().end())
                    || !q.filter().matches(p.labels())) {
                continue;
            }
            Labels labels = p.labels();
            if (q.groupBy() != null) {
                Map<String, String> kept = new TreeMap<>();
                q.groupBy().forEach(k -> kept.put(k, p.labels().get(k)));
                labels = Labels.of(kept);
            }
            buckets.merge(start + labels.canonical(), Bucket.of(p, start, labels), Bucket::plus);
        }
        List<Bucket> sorted = new ArrayList<>(buckets.values());
        sorted.sort(Comparator.comparing(Bucket::start).thenComparing(b -> b.labels().canonical()));
        return sorted;
    }
}
