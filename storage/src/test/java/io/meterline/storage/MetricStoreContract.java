package io.meterline.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meterline.core.HistogramBuckets;
import io.meterline.core.InvalidInputException;
import io.meterline.core.LabelFilter;
import io.meterline.core.Labels;
import io.meterline.core.MetricDefinition;
import io.meterline.core.MetricType;
import io.meterline.core.Point;
import io.meterline.core.TimeRange;
import io.meterline.core.storage.HistogramTotals;
import io.meterline.core.storage.MetricReader;
import io.meterline.core.storage.MetricStore;
import io.meterline.core.storage.PointWriter;
import io.meterline.core.storage.RawPage;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The storage contract: what every {@link MetricStore} (embedded QuestDB, a QuestDB server, …)
 * must do. Subclasses supply one store per class; each test uses metrics of its own.
 */
public abstract class MetricStoreContract {

    /** Two days ago, on the hour: well inside the 30-day raw retention. */
    protected static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(2, ChronoUnit.DAYS);
    private static final AtomicInteger NAMES = new AtomicInteger();

    protected abstract MetricStore store();

    /** Blocks until everything committed so far is visible to readers. */
    protected abstract void awaitVisible();

    protected MetricReader reader() {
        return store().reader();
    }

    // ---- helpers ----

    protected static MetricDefinition metric(MetricType type, String... labelKeys) {
        return metricNamed(type.name().toLowerCase() + "_" + NAMES.incrementAndGet(), type, labelKeys);
    }

    protected static MetricDefinition metricNamed(String name, MetricType type, String... labelKeys) {
        return new MetricDefinition(name, type, List.of(labelKeys), Instant.now(), "", "", null, null);
    }

    protected static Labels labels(String... keyValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put(keyValues[i], keyValues[i + 1]);
        }
        return Labels.of(map);
    }

    protected static Instant at(long seconds) {
        return T0.plusSeconds(seconds);
    }

    protected static Point gauge(MetricDefinition m, Labels labels, long second, double value) {
        return new Point.Gauge(m.name(), labels, at(second), value);
    }

    protected void writeAndCommit(Point... points) {
        try (PointWriter writer = store().openWriter()) {
            for (Point p : points) {
                writer.write(p);
            }
            writer.commit();
        }
        awaitVisible();
    }

    protected List<Point> all(MetricDefinition m) {
        return reader().readRaw(m, TimeRange.ALL, LabelFilter.NONE, 100_000).points();
    }

    protected static LabelFilter filter(String key, String... values) {
        return new LabelFilter(Map.of(key, Set.of(values)));
    }

    // ---- round trips ----

    @Test
    void gaugePointsComeBackOldestFirst() {
        MetricDefinition m = metric(MetricType.GAUGE, "host");
        Point late = gauge(m, labels("host", "a"), 10, 2.5);
        Point early = new Point.Gauge(m.name(), labels("host", "b"), at(5).plusMillis(123), -1.25);
        writeAndCommit(late, early);

        assertThat(all(m)).containsExactly(early, late);
    }

    /** Storage keeps a timestamp's points in the order written; a scan hands them on in series order. */
    @Test
    void aScanGivesATimestampsPointsInSeriesOrderWhateverTheOrderWritten() {
        MetricDefinition m = metric(MetricType.GAUGE, "host");
        List<Point> written = new ArrayList<>();
        for (int second = 1; second <= 3; second++) {
            for (String host : List.of("d", "b", "e", "a", "c")) { // the same order each time, then a sixth
                written.add(gauge(m, labels("host", host), second, second));
            }
        }
        written.add(gauge(m, labels("host", "aa"), 3, 3));
        written.add(gauge(m, labels("host", "z"), 4, 4));
        writeAndCommit(written.toArray(Point[]::new));

        List<Point> scanned = new ArrayList<>();
        reader().scanRaw(m, TimeRange.ALL, LabelFilter.NONE, Long.MAX_VALUE, scanned::add);
        List<Point> expected = new ArrayList<>(written);
        expected.sort(java.util.Comparator.comparing(Point::timestamp).thenComparing(p -> p.labels().canonical()));
        assertThat(scanned).containsExactlyElementsOf(expected);

        List<Point> firstSeven = new ArrayList<>();
        reader().scanRaw(m, TimeRange.ALL, LabelFilter.NONE, 7, firstSeven::add);
        assertThat(firstSeven).containsExactlyElementsOf(expected.subList(0, 7));
    }

    @Test
    void enumPointsComeBack() {
        MetricDefinition m = metric(MetricType.ENUM, "svc");
        Point ok = new Point.EnumSample(m.name(), labels("svc", "api"), at(1), "OK");
        Point down = new Point.EnumSample(m.name(), labels("svc", "api"), at(2), "DOWN");
        writeAndCommit(ok, down);

        assertThat(all(m)).containsExactly(ok, down);
    }

    @Test
    void histogramPointsKeepInfBucketAndNullSum() {
        MetricDefinition m = metric(MetricType.HISTOGRAM, "host");
        HistogramBuckets buckets = new HistogramBuckets(Map.of(0.25, 3L, 10.0, 7L, Double.POSITIVE_INFINITY, 1L));
        Point withSum = new Point.Histogram(m.name(), labels("host", "a"), at(1), buckets, 42.5);
        Point withoutSum = new Point.Histogram(m.name(), labels("host", "a"), at(2), buckets, null);
        writeAndCommit(withSum, withoutSum);

        assertThat(all(m)).containsExactly(withSum, withoutSum);
    }

    @Test
    void metricWithoutLabelsWorks() {
        MetricDefinition m = metric(MetricType.GAUGE);
        Point p = gauge(m, Labels.EMPTY, 1, 1.0);
        writeAndCommit(p);

        assertThat(all(m)).containsExactly(p);
        assertThat(reader().labelValues(m)).isEmpty();
    }

    // ---- transactions ----

    @Test
    void nothingIsVisibleBeforeCommitNorAfterRollback() {
        MetricDefinition m = metric(MetricType.GAUGE, "host");
        try (PointWriter writer = store().openWriter()) {
            writer.write(gauge(m, labels("host", "a"), 1, 1.0));
            awaitVisible();
            assertThat(all(m)).isEmpty();

            writer.rollback();
            writer.commit();
            awaitVisible();
            assertThat(all(m)).isEmpty();

            Point kept = gauge(m, labels("host", "a"), 2, 2.0);
            writer.write(kept);
            writer.commit();
            awaitVisible();
            assertThat(all(m)).containsExactly(kept);
        }
    }

    @Test
    void closingAWriterDropsWhatItDidNotCommit() {
        MetricDefinition m = metric(MetricType.GAUGE, "host");
        try (PointWriter writer = store().openWriter()) {
            writer.write(gauge(m, labels("host", "a"), 1, 1.0));
        }
        awaitVisible();
        assertThat(all(m)).isEmpty();
    }

    @Test
    void replayingPointsKeepsOneCopyAndTheLastValue() {
        MetricDefinition m = metric(MetricType.GAUGE, "host");
        Labels a = labels("host", "a");
        writeAndCommit(gauge(m, a, 1, 1.0), gauge(m, a, 2, 2.0));
        writeAndCommit(gauge(m, a, 1, 1.0), gauge(m, a, 2, 20.0));

        assertThat(all(m)).containsExactly(gauge(m, a, 1, 1.0), gauge(m, a, 2, 20.0));
    }

    @Test
    void replayWithinOneCommitKeepsTheLastWrite() {
        MetricDefinition m = metric(MetricType.ENUM, "host");
        Labels a = labels("host", "a");
        writeAndCommit(new Point.EnumSample(m.name(), a, at(1), "OK"), new Point.EnumSample(m.name(), a, at(1), "DOWN"));

        assertThat(all(m)).containsExactly(new Point.EnumSample(m.name(), a, at(1), "DOWN"));
    }

    // ---- ranges and filters ----

    @Test
    void timeRangeBoundsAreInclusiveAndMayBeOpen() {
        MetricDefinition m = metric(MetricType.GAUGE, "host");
        Labels a = labels("host", "a");
        writeAndCommit(gauge(m, a, 1, 1), gauge(m, a, 2, 2), gauge(m, a, 3, 3), gauge(m, a, 4, 4));

        assertThat(values(m, new TimeRange(at(2), at(3)))).containsExactly(2.0, 3.0);
        assertThat(values(m, new TimeRange(at(3), null))).containsExactly(3.0, 4.0);
        assertThat(values(m, new TimeRange(null, at(1)))).containsExactly(1.0);
        assertThat(values(m, new TimeRange(at(2).plusMillis(1), at(3).minusMillis(1)))).isEmpty();
    }

    private List<Double> values(MetricDefinition m, TimeRange range) {
        List<Double> out = new ArrayList<>();
        for (Point p : reader().readRaw(m, range, LabelFilter.NONE, 1000).points()) {
            out.add(((Point.Gauge) p).value());
        }
        return out;
    }

    @Test
    void labelFiltersAreAnAndOfOrs() {
        MetricDefinition m = metric(MetricType.GAUGE, "host", "region");
        Point aEu = gauge(m, labels("host", "a", "region", "eu"), 1, 1);
        Point bEu = gauge(m, labels("host", "b", "region", "eu"), 1, 2);
        Point cUs = gauge(m, labels("host", "c", "region", "us"), 1, 3);
        writeAndCommit(aEu, bEu, cUs);

        assertThat(read(m, filter("host", "a"))).containsExactly(aEu);
        assertThat(read(m, filter("host", "a", "c"))).containsExactly(aEu, cUs);
        assertThat(read(m, new LabelFilter(Map.of("host", Set.of("a", "c"), "region", Set.of("eu"))))).containsExactly(aEu);
        assertThat(read(m, filter("host", "zzz"))).isEmpty();
        assertThat(read(m, filter("region", "eu"))).containsExactly(aEu, bEu);
    }

    private List<Point> read(MetricDefinition m, LabelFilter filter) {
        return reader().readRaw(m, TimeRange.ALL, filter, 100_000).points();
    }

    @Test
    void aFilterMatchingVeryManySeriesStillFilters() {
        MetricDefinition m = metric(MetricType.GAUGE, "host", "region");
        List<Point> points = new ArrayList<>();
        for (int i = 0; i < SeriesIndex.MAX_IN_LIST + 200; i++) {
            points.add(gauge(m, labels("host", "h" + i, "region", i % 10 == 0 ? "us" : "eu"), i % 7, i));
        }
        writeAndCommit(points.toArray(new Point[0]));

        assertThat(read(m, filter("region", "eu"))).hasSize(1080).allMatch(p -> p.labels().get("region").equals("eu"));
        assertThat(read(m, filter("region", "us"))).hasSize(120);
    }

    /** The longest placeholder list a filter becomes: far more SQL than the embedded store's compiler pools start with. */
    @Test
    void aFilterListingTheMostSeriesOneStatementTakesStillFilters() {
        MetricDefinition m = metric(MetricType.GAUGE, "host");
        List<Point> points = new ArrayList<>();
        List<String> listed = new ArrayList<>();
        for (int i = 0; i < SeriesIndex.MAX_IN_LIST + 50; i++) {
            points.add(gauge(m, labels("host", "h" + i), i, i));
            if (i < SeriesIndex.MAX_IN_LIST) {
                listed.add("h" + i);
            }
        }
        writeAndCommit(points.toArray(new Point[0]));

        List<Point> read = read(m, filter("host", listed.toArray(String[]::new)));
        assertThat(read).hasSize(SeriesIndex.MAX_IN_LIST).allMatch(p -> listed.contains(p.labels().get("host")));
    }

    @Test
    void newSeriesAreSeenByFiltersAtOnce() {
        MetricDefinition m = metric(MetricType.GAUGE, "host");
        writeAndCommit(gauge(m, labels("host", "a"), 1, 1));
        assertThat(read(m, filter("host", "b"))).isEmpty();

        Point b = gauge(m, labels("host", "b"), 2, 2);
        writeAndCommit(b);
        assertThat(read(m, filter("host", "b"))).containsExactly(b);
        assertThat(reader().labelValues(m)).containsEntry("host", List.of("a", "b"));
    }

    // ---- paging ----

    @Test
    void pagesNeverSplitATimestamp() {
        MetricDefinition m = metric(MetricType.GAUGE, "host");
        List<Point> written = new ArrayList<>();
        for (int second = 0; second < 5; second++) {
            for (String host : List.of("a", "b", "c")) {
                written.add(gauge(m, labels("host", host), second, second));
            }
        }
        writeAndCommit(written.toArray(new Point[0]));

        RawPage first = reader().readRaw(m, TimeRange.ALL, LabelFilter.NONE, 4);
        assertThat(first.points()).containsExactlyElementsOf(written.subList(0, 3));
        assertThat(first.nextStart()).isEqualTo(at(1));

        RawPage exact = reader().readRaw(m, TimeRange.ALL, LabelFilter.NONE, 6);
        assertThat(exact.points()).hasSize(6);
        assertThat(exact.nextStart()).isEqualTo(at(2));

        assertThat(reader().readRaw(m, TimeRange.ALL, LabelFilter.NONE, 15).nextStart()).isNull();

        List<Point> paged = new ArrayList<>();
        TimeRange range = TimeRange.ALL;
        int pages = 0;
        while (true) {
            RawPage page = reader().readRaw(m, range, LabelFilter.NONE, 5);
            assertThat(page.points().size() % 3).isZero();
            paged.addAll(page.points());
            pages++;
            if (page.nextStart() == null) {
                break;
            }
            range = range.withStart(page.nextStart());
        }
        assertThat(paged).containsExactlyElementsOf(written);
        assertThat(pages).isEqualTo(5);
    }

    @Test
    void oneTimestampHoldingMoreThanTheLimitIsAnError() {
        MetricDefinition m = metric(MetricType.GAUGE, "host");
        writeAndCommit(gauge(m, labels("host", "a"), 1, 1), gauge(m, labels("host", "b"), 1, 2),
                gauge(m, labels("host", "c"), 1, 3));

        assertThatThrownBy(() -> reader().readRaw(m, TimeRange.ALL, LabelFilter.NONE, 2))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("more than 2 points share the timestamp " + at(1) + ": add a label filter or a larger limit.");
        assertThat(reader().readRaw(m, TimeRange.ALL, filter("host", "a", "b"), 2).points()).hasSize(2);
    }

    // ---- aggregates ----

    @Test
    void stateCountsCountPointsPerStateInRangeAndFilter() {
        MetricDefinition m = metric(MetricType.ENUM, "svc");
        Labels api = labels("svc", "api");
        Labels db = labels("svc", "db");
        writeAndCommit(
                new Point.EnumSample(m.name(), api, at(1), "OK"),
                new Point.EnumSample(m.name(), api, at(2), "OK"),
                new Point.EnumSample(m.name(), api, at(3), "DOWN"),
                new Point.EnumSample(m.name(), db, at(2), "DEGRADED"),
                new Point.EnumSample(m.name(), db, at(9), "DOWN"));

        assertThat(reader().stateCounts(m, TimeRange.ALL, LabelFilter.NONE))
                .containsExactly(Map.entry("DEGRADED", 1L), Map.entry("DOWN", 2L), Map.entry("OK", 2L));
        assertThat(reader().stateCounts(m, new TimeRange(at(2), at(3)), filter("svc", "api")))
                .containsExactly(Map.entry("DOWN", 1L), Map.entry("OK", 1L));
        assertThat(reader().stateCounts(m, TimeRange.ALL, filter("svc", "none"))).isEmpty();
    }

    /**
     * An open range ends at the metric's last point, raw or rolled up: points of an hour that has
     * no hourly rollup yet (their refresh comes up to a second after the commit, later under load)
     * count at once, as GET shows them.
     */
    @Test
    void stateCountsOverAnOpenRangeCountPointsNotRolledUpYet() {
        MetricDefinition m = metric(MetricType.ENUM, "svc");
        Labels api = labels("svc", "api");
        try (PointWriter writer = store().openWriter()) {
            for (int hour = 0; hour < 6; hour++) {
                writer.write(new Point.EnumSample(m.name(), api, at(hour * 3_600L + 5), "OK"));
            }
            writer.commit();
            writer.commitRollups();
            // a later hour, raw only: its rollups are not recomputed yet
            writer.write(new Point.EnumSample(m.name(), api, at(8 * 3_600L + 1), "DOWN"));
            writer.write(new Point.EnumSample(m.name(), api, at(8 * 3_600L + 2), "DEGRADED"));
            writer.commit();
        }
        awaitVisible();

        assertThat(reader().stateCounts(m, TimeRange.ALL, LabelFilter.NONE))
                .containsExactly(Map.entry("DEGRADED", 1L), Map.entry("DOWN", 1L), Map.entry("OK", 6L));
        assertThat(reader().stateCounts(m, new TimeRange(at(3 * 3_600L), null), LabelFilter.NONE))
                .containsExactly(Map.entry("DEGRADED", 1L), Map.entry("DOWN", 1L), Map.entry("OK", 3L));
        assertThat(reader().stateCounts(m, new TimeRange(at(8 * 3_600L), null), LabelFilter.NONE))
                .containsExactly(Map.entry("DEGRADED", 1L), Map.entry("DOWN", 1L));
        assertThat(reader().stateCounts(m, new TimeRange(null, at(4 * 3_600L)), LabelFilter.NONE))
                .containsExactly(Map.entry("OK", 4L));
    }

    @Test
    void histogramTotalsMergeBucketsAndSumOnlyTheSumsPresent() {
        MetricDefinition m = metric(MetricType.HISTOGRAM, "host");
        Labels a = labels("host", "a");
        double inf = Double.POSITIVE_INFINITY;
        writeAndCommit(
                new Point.Histogram(m.name(), a, at(1), new HistogramBuckets(Map.of(10.0, 1L, inf, 2L)), 30.0),
                new Point.Histogram(m.name(), a, at(2), new HistogramBuckets(Map.of(5.0, 4L, 10.0, 3L)), null),
                new Point.Histogram(m.name(), a, at(3), new HistogramBuckets(Map.of(10.0, 5L)), 12.5));

        HistogramTotals all = reader().histogramTotals(m, TimeRange.ALL, LabelFilter.NONE);
        assertThat(all.buckets().counts()).containsExactly(Map.entry(5.0, 4L), Map.entry(10.0, 9L), Map.entry(inf, 2L));
        assertThat(all.count()).isEqualTo(15);
        assertThat(all.sum()).isEqualTo(42.5);

        HistogramTotals noSums = reader().histogramTotals(m, new TimeRange(at(2), at(2)), LabelFilter.NONE);
        assertThat(noSums.count()).isEqualTo(7);
        assertThat(noSums.sum()).isNull();

        HistogramTotals nothing = reader().histogramTotals(m, TimeRange.ALL, filter("host", "b"));
        assertThat(nothing.count()).isZero();
        assertThat(nothing.buckets().counts()).isEmpty();
        assertThat(nothing.sum()).isNull();
    }

    @Test
    void labelValuesAreSortedPerKeyInDefinitionOrder() {
        MetricDefinition m = metric(MetricType.GAUGE, "region", "host");
        writeAndCommit(
                gauge(m, labels("host", "b", "region", "us"), 1, 1),
                gauge(m, labels("host", "a", "region", "eu"), 1, 1),
                gauge(m, labels("host", "b", "region", "eu"), 2, 1));

        assertThat(reader().labelValues(m))
                .containsExactly(Map.entry("region", List.of("eu", "us")), Map.entry("host", List.of("a", "b")));
    }

    // ---- safety ----

    @Test
    void injectionLookingNamesAndValuesAreLiterals() {
        MetricDefinition plain = metricNamed("cpu_" + NAMES.incrementAndGet(), MetricType.GAUGE, "host");
        MetricDefinition evil = metricNamed(plain.name() + "' OR '1'='1", MetricType.GAUGE, "host");
        Point plainPoint = gauge(plain, labels("host", "a"), 1, 1);
        Point evilPoint = gauge(evil, labels("host", "x' OR 'a'='a\"); DROP TABLE gauge_raw; --"), 1, 2);
        writeAndCommit(plainPoint, evilPoint);

        assertThat(all(evil)).containsExactly(evilPoint);
        assertThat(all(plain)).containsExactly(plainPoint);
        assertThat(read(plain, filter("host", "a' OR '1'='1"))).isEmpty();
        assertThat(read(evil, filter("host", "x' OR 'a'='a\"); DROP TABLE gauge_raw; --"))).containsExactly(evilPoint);
        assertThat(reader().labelValues(evil)).containsEntry("host", List.of("x' OR 'a'='a\"); DROP TABLE gauge_raw; --"));
    }

    @Test
    void readsWorkFromManyThreads() throws Exception {
        MetricDefinition m = metric(MetricType.GAUGE, "host");
        writeAndCommit(gauge(m, labels("host", "a"), 1, 1), gauge(m, labels("host", "b"), 2, 2));
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (int t = 0; t < 4; t++) {
            Thread thread = new Thread(() -> {
                try {
                    for (int i = 0; i < 20; i++) {
                        assertThat(read(m, i % 2 == 0 ? LabelFilter.NONE : filter("host", "b"))).hasSize(i % 2 == 0 ? 2 : 1);
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void healthIsUp() {
        assertThat(store().check().up()).isTrue();
    }
}
