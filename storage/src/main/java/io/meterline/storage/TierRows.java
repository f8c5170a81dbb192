package io.meterline.storage;

import io.meterline.core.HistogramBuckets;
import io.meterline.core.Labels;
import io.meterline.core.MetricType;
import io.meterline.core.Step;
import io.meterline.core.TimeRange;
import io.meterline.core.storage.Bucket;
import io.meterline.core.storage.BucketMerger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads a tier's rows of one metric as {@link Bucket}s, oldest first: a raw point is a bucket of
 * one, a rollup row is the bucket it stores. Everything downstream (re-bucketing, grouping,
 * rollup maintenance) merges buckets, so every tier answers through one code path.
 */
final class TierRows {

    /** A downsampled read cut in parts holds at least this many buckets per part. */
    private static final long MIN_BUCKETS_PER_PART = 100;

    private final Queries queries;
    private final ReadThreads readThreads;

    /** Reads on the asking thread only. */
    TierRows(Queries queries) {
        this(queries, new ReadThreads(1));
    }

    /** Large downsampled reads cut in bucket-aligned parts read on {@code readThreads} too. */
    TierRows(Queries queries, ReadThreads readThreads) {
        this.queries = queries;
        this.readThreads = readThreads;
    }

    void scan(Tier tier, MetricType type, String metric, TimeRange range, SeriesSelection selection,
              Consumer<Bucket> out) {
        scan(tier.table(type), tier, type, metric, range, selection, out);
    }

    /** Reads {@code table}, laid out as {@code tier}'s tables are (the old-points tables are laid out as raw). */
    void scan(String table, Tier tier, MetricType type, String metric, TimeRange range, SeriesSelection selection,
              Consumer<Bucket> out) {
        if (selection.isNone()) {
            return;
        }
        read(table, tier, type, metric, range, selection, r -> {
            SeriesLabels labels = new SeriesLabels(selection);
            while (r.next()) {
                Labels l = labels.of(r, 1);
                if (l != null) {
                    out.accept(bucket(tier, type, l, r));
                }
            }
            return null;
        });
    }

    /**
     * A tier's rows of one metric re-bucketed into {@code step} and grouped, each kind by its
     * {@link RowMerger} ({@link GaugeRowMerger}, {@link EnumRowMerger}, {@link HistogramRowMerger}):
     * the buckets {@link BucketMerger} makes of {@link #bucket}s, without a Bucket per row.
     */
    void downsample(Tier tier, MetricType type, String metric, TimeRange range, SeriesSelection selection, Step step,
                    List<String> groupBy, Consumer<Bucket> out) {
        downsample(tier.table(type), tier, type, metric, range, selection, step, groupBy, out);
    }

    /** As above, reading {@code table}, laid out as {@code tier}'s tables are. */
    void downsample(String table, Tier tier, MetricType type, String metric, TimeRange range, SeriesSelection selection,
                    Step step, List<String> groupBy, Consumer<Bucket> out) {
        if (selection.isNone()) {
            return;
        }
        // the asking thread also writes the answer: a histogram answer (289 KB of JSON for Q3) took
        // a third of its time, so it reads a first part half as long as each helper's
        double firstWeight = type == MetricType.HISTOGRAM ? 0.5 : 1;
        List<TimeRange> parts = BucketAlignedParts.of(range, step, readThreads.parts(), MIN_BUCKETS_PER_PART,
                firstWeight);
        if (parts.size() == 1) {
            merge(table, tier, type, metric, range, selection, step, groupBy, out);
            return;
        }
        // the first part streams to `out` from this thread; helpers read the later ones ahead
        List<LaterPart> later = new ArrayList<>();
        try {
            for (TimeRange part : parts.subList(1, parts.size())) {
                LaterPart laterPart = new LaterPart(into -> merge(table, tier, type, metric, part, selection, step,
                        groupBy, into));
                later.add(laterPart);
                readThreads.execute(laterPart::readAhead);
            }
            merge(table, tier, type, metric, parts.get(0), selection, step, groupBy, out);
            for (LaterPart part : later) {
                part.emitInto(out);
            }
        } finally {
            later.forEach(LaterPart::abandon);
        }
    }

    /** The rows of the range merged into {@code out}'s buckets, on this thread. */
    private void merge(String table, Tier tier, MetricType type, String metric, TimeRange range,
                       SeriesSelection selection, Step step, List<String> groupBy, Consumer<Bucket> out) {
        read(table, tier, type, metric, range, selection, r -> {
            RowMerger merger = switch (type) {
                case GAUGE -> new GaugeRowMerger(tier, step, selection, groupBy, out);
                case ENUM -> new EnumRowMerger(tier, step, selection, groupBy, out);
                case HISTOGRAM -> new HistogramRowMerger(tier, step, selection, groupBy, out);
            };
            merger.mergeAll(r);
            return null;
        });
    }

    /**
     * A tier's rows (ts, series, the tier's value columns) of one metric in a range, oldest first.
     * Where all the metric's series are read and the columns are fixed-width (not the enum and
     * histogram texts), they come by {@link Queries#queryMetric}, the quick way for many rows.
     */
    <T> T read(String table, Tier tier, MetricType type, String metric, TimeRange range, SeriesSelection selection,
               Rows.Reader<T> reader) {
        String columns = "ts, series, " + tier.valueColumns(type);
        boolean fixedWidth = type == MetricType.GAUGE || type == MetricType.ENUM && tier == Tier.RAW;
        if (selection.inList().isEmpty() && fixedWidth) {
            return queries.queryMetric(columns, table, metric, range, reader);
        }
        RangeQuery q = RangeQuery.of(columns, table, metric, range, selection, " ORDER BY ts");
        return queries.query(q.sql, q.binds, reader);
    }

    static Bucket bucket(Tier tier, MetricType type, Labels labels, Rows r) {
        Instant ts = instant(r.micros(0));
        if (tier == Tier.RAW) {
            return switch (type) {
                case GAUGE -> {
                    double v = r.number(2);
                    yield new Bucket.GaugeBucket(labels, ts, 1, v, v, v, v, ts);
                }
                case ENUM -> new Bucket.EnumBucket(labels, ts, Map.of(r.symbol(2), 1L));
                case HISTOGRAM -> {
                    HistogramBuckets b = histogram(r, 2);
                    yield new Bucket.HistogramBucket(labels, ts, b, b.total(), nullable(r.number(3)));
                }
            };
        }
        return switch (type) {
            case GAUGE -> new Bucket.GaugeBucket(labels, ts, r.integer(2), r.number(3), r.number(4),
                    r.number(5), r.number(6), instant(r.micros(7)));
            case ENUM -> new Bucket.EnumBucket(labels, ts, StateCounts.decode(r.varchar(2)));
            case HISTOGRAM -> new Bucket.HistogramBucket(labels, ts,
                    histogram(r, 2), r.integer(3), nullable(r.number(4)));
        };
    }

    static HistogramBuckets histogram(Rows r, int column) {
        VarcharBytes text = r.varcharBytes(column);
        return text == null ? HistogramBuckets.decode("") : HistogramBuckets.decode(text.array(), text.length());
    }

    static Instant instant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
    }

    private static Double nullable(double value) {
        return Double.isNaN(value) ? null : value;
    }
}
