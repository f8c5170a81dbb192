package io.meterline.storage;

import io.meterline.core.HistogramBuckets;
import io.meterline.core.LabelFilter;
import io.meterline.core.Labels;
import io.meterline.core.MetricDefinition;
import io.meterline.core.MetricType;
import io.meterline.core.Point;
import io.meterline.core.Step;
import io.meterline.core.TimeRange;
import io.meterline.core.storage.HistogramTotals;
import io.meterline.core.storage.MetricReader;
import io.meterline.core.storage.RawPage;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Predicate;
import io.meterline.core.storage.Bucket;
import io.meterline.core.storage.DownsampleQuery;

/** Reads the raw tables. Thread-safe: every thread runs its own compiled queries (see {@link Queries}). */
final class QuestDbMetricReader implements MetricReader {

    private final Queries queries;
    private final SeriesIndex seriesIndex;

    private final TierRows tiers;
    private final Duration rawRetention;

    QuestDbMetricReader(Queries queries, SeriesIndex seriesIndex, TierRows tiers, Duration rawRetention) {
        this.queries = queries;
        this.seriesIndex = seriesIndex;
        this.tiers = tiers;
        this.rawRetention = rawRetention;
    }

    @Override
    public RawPage readRaw(MetricDefinition metric, TimeRange range, LabelFilter filter, int limit) {
        SeriesSelection selection = seriesIndex.select(metric.name(), filter);
        if (selection.isNone()) {
            return new RawPageCollector(limit).finish();
        }
        return raw(metric, range, selection, r -> {
            RawPageCollector collector = new RawPageCollector(limit); // fresh on a retry
            points(metric, selection, r, collector::add);
            return collector.finish();
        });
    }

    @Override
    public void scanRaw(MetricDefinition metric, TimeRange range, LabelFilter filter, long limit, Consumer<Point> out) {
        SeriesSelection selection = seriesIndex.select(metric.name(), filter);
        if (selection.isNone() || limit <= 0) {
            return;
        }
        // Points go to `out` as the cursor yields them, a timestamp's in series order (see
        // SeriesOrderedPoints); an exception from `out` leaves the try-with-resources of the
        // query and closes the cursor at once.
        raw(metric, range, selection, r -> {
            long[] sent = {0};
            SeriesOrderedPoints ordered = new SeriesOrderedPoints(p -> {
                out.accept(p);
                return ++sent[0] < limit;
            });
            SeriesLabels labels = new SeriesLabels(selection);
            while (r.next()) {
                Labels l = labels.of(r, 1);
                if (l != null && !ordered.add(r.micros(0), r.symbolIndex(1), point(metric, l, r))) {
                    return null;
                }
            }
            ordered.flush();
            return null;
        });
    }

    private <T> T raw(MetricDefinition metric, TimeRange range, SeriesSelection selection, Rows.Reader<T> reader) {
        return tiers.read(Schema.rawTable(metric.type()), Tier.RAW, metric.type(), metric.name(), range, selection,
                reader);
    }

    /** The rows' points, oldest first, until {@code more} says enough. */
    private static void points(MetricDefinition metric, SeriesSelection selection, Rows r, Predicate<Point> more) {
        SeriesLabels labels = new SeriesLabels(selection);
        while (r.next()) {
            Labels l = labels.of(r, 1);
            if (l != null && !more.test(point(metric, l, r))) {
                return;
            }
        }
    }

    @Override
    public void downsample(MetricDefinition metric, DownsampleQuery query, Consumer<Bucket> out) {
        downsample(metric, query, Tier.forStep(query.step()), out);
    }

    /** Downsampling from a given tier; any tier whose resolution divides the step gives the same answer. */
    void downsample(MetricDefinition metric, DownsampleQuery query, Tier tier, Consumer<Bucket> out) {
        SeriesSelection selection = seriesIndex.select(metric.name(), query.filter());
        List<Segment> segments = tier == Tier.RAW ? List.of(new Segment(Tier.RAW, query.range()))
                : downsampleSegments(query.range(), tier);
        if (segments.size() == 1) {
            Segment only = segments.get(0);
            tiers.downsample(only.tier(), metric.type(), metric.name(), only.range(), selection, query.step(),
                    query.groupBy(), out);
            return;
        }
        SegmentedBuckets joined = new SegmentedBuckets(out);
        for (Segment segment : segments) {
            tiers.downsample(segment.tier(), metric.type(), metric.name(), segment.range(), selection, query.step(),
                    query.groupBy(), joined);
            joined.segmentEnded();
        }
        joined.finish();
    }

    /**
     * Where a rollup tier's downsampled answer is read so that it honours the range's inclusive
     * bounds: the tier's whole minutes or hours inside the range, raw points for the part of a unit
     * at either edge (a rollup row stands for its whole unit and can't be split). An edge that raw
     * no longer holds (older than its retention) is read whole from the tier: its bucket then
     * covers the whole unit, as distributions do.
     */
    private List<Segment> downsampleSegments(TimeRange range, Tier tier) {
        Step unit = tier.resolution;
        // points are whole milliseconds: a bound's part of one adds nothing but edge cases
        Instant lo = range.start() == null ? null : range.start().plusNanos(999_999).truncatedTo(ChronoUnit.MILLIS);
        Instant hi = range.end() == null ? null : range.end().truncatedTo(ChronoUnit.MILLIS);
        if (lo != null && hi != null && lo.isAfter(hi)) {
            return List.of(); // bounds within one millisecond that holds no point's time
        }
        Instant rawFrom = rawFrom();
        Instant innerLo = lo == null ? null : unit.bucketStart(lo.minusMillis(1)).plus(unit.width());
        Instant innerEnd = hi == null ? null : unit.bucketStart(hi.plusMillis(1));
        if (lo != null && hi != null && !lo.isBefore(rawFrom) && !innerLo.isBefore(innerEnd)) {
            return List.of(new Segment(Tier.RAW, new TimeRange(lo, hi))); // no whole unit inside: raw points alone
        }
        boolean rawHead = lo != null && !innerLo.equals(lo) && !lo.isBefore(rawFrom);
        boolean rawTail = hi != null && !innerEnd.equals(hi.plusMillis(1)) && !innerEnd.isBefore(rawFrom);
        Instant from = lo == null ? null : rawHead ? innerLo : unit.bucketStart(lo);
        Instant end = hi == null ? null : rawTail ? innerEnd : unit.bucketStart(hi).plus(unit.width());
        List<Segment> segments = new ArrayList<>(3);
        if (rawHead) {
            segments.add(new Segment(Tier.RAW, new TimeRange(lo, innerLo.minusMillis(1))));
        }
        if (from == null || end == null || from.isBefore(end)) {
            segments.add(new Segment(tier, new TimeRange(from, end == null ? null : end.minusMillis(1))));
        }
        if (rawTail) {
            segments.add(new Segment(Tier.RAW, new TimeRange(innerEnd, hi)));
        }
        return segments;
    }

    /**
     * The first whole hour from which raw holds every point: the writer sends a point older than
     * the raw retention plus an hour of margin to the old-points table instead
     * ({@code QuestDbPointWriter.isOld}), so raw holds what is newer than that, from the next hour on.
     */
    private Instant rawFrom() {
        Instant oldBefore = Instant.now().minus(rawRetention).plusSeconds(3_600);
        return Tier.HOUR.resolution.bucketStart(oldBefore.minusMillis(1)).plusSeconds(3_600);
    }

    /**
     * The first and last timestamps of a metric. A filtered min/max (or first-row) query reads every
     * row of the table, all metrics alike (over 50 ms at 10M raw points), so the hourly tier, a
     * sixtieth of the rows or fewer, gives the first and last hours, and only those two hours of raw
     * points are read for the exact edges. The hourly tier also covers what raw no longer keeps. Raw
     * points of an hour not rolled up yet (the last commit's, for a moment) count once it is; only a
     * metric with no hourly row at all is scanned in raw.
     */
    @Override
    public TimeRange extent(MetricDefinition metric) {
        return extent(metric, SeriesSelection.all());
    }

    /**
     * A filtered read without bounds spans its own series, not the whole metric's (a one-day
     * series beside a backfilled year would otherwise get a weekly step=auto): the same reads,
     * through the series index. A filter of more series than a placeholder list takes answers the
     * metric's extent, which holds theirs.
     */
    @Override
    public TimeRange extent(MetricDefinition metric, LabelFilter filter) {
        if (filter.allowed().isEmpty()) {
            return extent(metric);
        }
        SeriesSelection selection = seriesIndex.select(metric.name(), filter);
        if (selection.isNone()) {
            return new TimeRange(null, null);
        }
        return extent(metric, selection.inList().isEmpty() ? SeriesSelection.all() : selection);
    }

    private TimeRange extent(MetricDefinition metric, SeriesSelection selection) {
        String raw = Tier.RAW.table(metric.type());
        TimeRange rows = minMax(Tier.HOUR.table(metric.type()), metric, selection);
        if (rows.start() == null) {
            return minMax(raw, metric, selection);
        }
        // a late hourly row is stored just after its hour's start (RollupMaintainer.LATE_ROW_OFFSET_MS)
        TimeRange hours = new TimeRange(Tier.HOUR.resolution.bucketStart(rows.start()),
                Tier.HOUR.resolution.bucketStart(rows.end()));
        Instant first = edge(raw, metric, selection, hours.start(), hours.start().plusSeconds(3_600), "");
        Instant last = edge(raw, metric, selection, hours.end(), hours.end().plusSeconds(3_600), " ORDER BY ts DESC");
        // no raw point in the last hour (older than the raw retention): the data ends with that hour
        return new TimeRange(first == null ? hours.start() : first,
                last == null ? hours.end().plusSeconds(3_600).minusMillis(1) : last);
    }

    /** The min and max timestamp of some series of a metric in a table, by a scan of their rows; open ends when none. */
    private TimeRange minMax(String table, MetricDefinition metric, SeriesSelection selection) {
        RangeQuery q = RangeQuery.of("min(ts), max(ts)", table, metric.name(), new TimeRange(null, null), selection, "");
        return queries.query(q.sql, q.binds, r -> !r.next() || r.micros(0) == Long.MIN_VALUE ? new TimeRange(null, null)
                : new TimeRange(TierRows.instant(r.micros(0)), TierRows.instant(r.micros(1))));
    }

    /**
     * The metric's last raw point at or after {@code from}: the extent ends in the last hour that
     * has an hourly rollup row, and raw points after it are visible before their rollup is
     * recomputed (up to a second after their commit, longer under heavy ingest).
     */
    private Instant lastRawPoint(MetricDefinition metric, Instant from) {
        Instant last = edge(Tier.RAW.table(metric.type()), metric, SeriesSelection.all(), from, null, " ORDER BY ts DESC");
        return last != null && last.isAfter(from) ? last : from;
    }

    /**
     * The first (or, ordered descending, the last) timestamp of some series of a metric in a table
     * from {@code from} on, before {@code until} when one is given; null when they have none there.
     */
    private Instant edge(String table, MetricDefinition metric, SeriesSelection selection, Instant from, Instant until,
                         String order) {
        TimeRange range = new TimeRange(from, until == null ? null : until.minus(1, ChronoUnit.MICROS));
        RangeQuery q = RangeQuery.of("ts", table, metric.name(), range, selection, order + " LIMIT 1");
        return queries.query(q.sql, q.binds, r -> r.next() ? TierRows.instant(r.micros(0)) : null);
    }

    private static Point point(MetricDefinition metric, Labels labels, Rows r) {
        Instant ts = TierRows.instant(r.micros(0));
        MetricType type = metric.type();
        if (type == MetricType.GAUGE) {
            return new Point.Gauge(metric.name(), labels, ts, r.number(2));
        }
        if (type == MetricType.ENUM) {
            return new Point.EnumSample(metric.name(), labels, ts, r.symbol(2));
        }
        double sum = r.number(3);
        return new Point.Histogram(metric.name(), labels, ts,
                TierRows.histogram(r, 2), Double.isNaN(sum) ? null : sum);
    }

    @Override
    public Map<String, Long> stateCounts(MetricDefinition metric, TimeRange range, LabelFilter filter) {
        Bucket.EnumBucket total = (Bucket.EnumBucket) total(metric, range, filter);
        return total == null ? new LinkedHashMap<>() : new LinkedHashMap<>(new TreeMap<>(total.counts()));
    }

    @Override
    public HistogramTotals histogramTotals(MetricDefinition metric, TimeRange range, LabelFilter filter) {
        Bucket.HistogramBucket total = (Bucket.HistogramBucket) total(metric, range, filter);
        return total == null ? new HistogramTotals(new HistogramBuckets(Map.of()), 0, null)
                : new HistogramTotals(total.buckets(), total.count(), total.sum());
    }

    /**
     * Every point in the range merged into one bucket (null when there is none). Over a long range
     * the whole hours come from the hourly rollups and only the partial hours at either end from
     * raw points: exact, and a year costs thousands of rows instead of millions. (The hourly rows
     * lag the raw commits by the stream's rollup refresh, about a second: a whole hour's points of
     * the last second count once it ran.) An open end is the metric's first or last point, so a
     * range without ends takes the same way (it read every raw row: 42 ms for the harness's
     * 100,000 enum points, and nothing the raw retention dropped).
     */
    private Bucket total(MetricDefinition metric, TimeRange range, LabelFilter filter) {
        SeriesSelection selection = seriesIndex.select(metric.name(), filter);
        if (selection.isNone()) {
            return null;
        }
        TimeRange bounded = range;
        if (range.start() == null || range.end() == null) {
            TimeRange extent = extent(metric);
            if (extent.start() == null) {
                return null; // no point at all
            }
            Instant start = range.start() != null ? range.start() : extent.start();
            Instant end = range.end() != null ? range.end() : lastRawPoint(metric, extent.end());
            if (start.isAfter(end)) {
                return null;
            }
            bounded = new TimeRange(start, end);
        }
        RunningTotal total = new RunningTotal();
        for (Segment segment : segments(bounded)) {
            tiers.scan(segment.tier(), metric.type(), metric.name(), segment.range(), selection, total);
        }
        return total.result();
    }

    /**
     * Buckets merged into one as {@link Bucket#plus} merges two, but an enum's state counts are
     * added up in one map: a merged copy of the map per bucket was most of a distribution's time.
     */
    private static final class RunningTotal implements Consumer<Bucket> {
        private Bucket total;
        private Map<String, Long> stateCounts;

        @Override
        public void accept(Bucket bucket) {
            if (total == null) {
                total = bucket;
            } else if (bucket instanceof Bucket.EnumBucket e) {
                if (stateCounts == null) {
                    stateCounts = new HashMap<>(((Bucket.EnumBucket) total).counts());
                }
                e.counts().forEach((state, n) -> stateCounts.merge(state, n, Long::sum));
            } else {
                total = total.plus(bucket);
            }
        }

        Bucket result() {
            return stateCounts == null ? total
                    : new Bucket.EnumBucket(total.labels(), total.start(), stateCounts);
        }
    }

    private record Segment(Tier tier, TimeRange range) {
    }

    /**
     * Where to read a bounded range's totals: raw points at the edges and for short ranges (exact,
     * and not behind the hourly refresh), whole hours from the hourly rollups. Hours the raw
     * retention no longer holds come from the hourly rollups too, whole (a rollup row can't be
     * split): raw points would count nothing there, and a distribution of last quarter came back
     * empty or without its first and last hours.
     */
    private List<Segment> segments(TimeRange range) {
        if (range.start() == null || range.end() == null) {
            return List.of(new Segment(Tier.RAW, range));
        }
        Instant rawFrom = rawFrom();
        if (range.start().isBefore(rawFrom)) {
            List<Segment> segments = new ArrayList<>();
            Instant oldEnd = range.end().isBefore(rawFrom) ? range.end() : rawFrom.minusMillis(1);
            segments.add(new Segment(Tier.HOUR, new TimeRange(Tier.HOUR.resolution.bucketStart(range.start()), oldEnd)));
            if (!range.end().isBefore(rawFrom)) {
                segments.addAll(rawAndHourSegments(new TimeRange(rawFrom, range.end())));
            }
            return segments;
        }
        return rawAndHourSegments(range);
    }

    private static List<Segment> rawAndHourSegments(TimeRange range) {
        Instant firstHour = Tier.HOUR.resolution.bucketStart(range.start().plusMillis(3_600_000 - 1));
        Instant endHour = Tier.HOUR.resolution.bucketStart(range.end().plusMillis(1));
        if (Duration.between(firstHour, endHour).toHours() < 3) {
            return List.of(new Segment(Tier.RAW, range));
        }
        List<Segment> segments = new ArrayList<>();
        if (range.start().isBefore(firstHour)) {
            segments.add(new Segment(Tier.RAW, new TimeRange(range.start(), firstHour.minusMillis(1))));
        }
        segments.add(new Segment(Tier.HOUR, new TimeRange(firstHour, endHour.minusMillis(1))));
        if (!endHour.isAfter(range.end())) {
            segments.add(new Segment(Tier.RAW, new TimeRange(endHour, range.end())));
        }
        return segments;
    }

    @Override
    public Map<String, List<String>> labelValues(MetricDefinition metric) {
        return seriesIndex.labelValues(metric);
    }
}
