package io.meterline.storage;

import io.meterline.core.MetricType;
import io.meterline.core.Point;
import io.meterline.core.TimeRange;
import io.meterline.core.storage.Bucket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Keeps the 1m and 1h rollups equal to the aggregate of the raw points, however late a point
 * arrives: every minute (and hour) a written point touches is recomputed from the tier below
 * and upserted. Recomputing, rather than adding to the stored row, makes a replay after a crash
 * harmless: the same raw rows give the same rollup row, and dedup keeps one. Points older than
 * the minute rollups' retention get an hourly row of their own ({@link #markLate}).
 * Not thread-safe: one per writer. Refreshes of all writers take turns (a lock the store hands
 * out): two writers may hold points of one series (a producer that does not key records by
 * series sends it to two partitions), and of two recomputes of one minute, the one committed
 * last must be the one that started last, or the rollup keeps the older, shorter aggregate.
 */
final class RollupMaintainer implements AutoCloseable {

    private static final Duration APPLY_TIMEOUT = Duration.ofSeconds(60);
    private static final long MINUTE_MS = 60_000L;
    /** Dirty buckets closer than this many widths are recomputed in one query. */
    private static final int MAX_GAP = 60;
    private static final long HOUR_MS = 3_600_000L;
    /**
     * Where a late hourly row is stored: this long after its hour's start, so that dedup (keyed
     * on the timestamp) keeps it beside the hour's own row, and every reader, which puts rows in
     * buckets by their time, adds the two. See {@link Schema#lateTable}.
     */
    static final long LATE_ROW_OFFSET_MS = 1;
    private static final List<String> BESIDE_RAW_TABLES = List.of(Schema.oldTable(MetricType.GAUGE),
            Schema.oldTable(MetricType.ENUM), Schema.oldTable(MetricType.HISTOGRAM),
            Schema.lateTable(MetricType.GAUGE), Schema.lateTable(MetricType.ENUM),
            Schema.lateTable(MetricType.HISTOGRAM));

    private record MetricKey(MetricType type, String metric) {
    }

    private final TableAppender appender;
    private final TableVisibility applier;
    private final TierRows rows;
    /** Per metric: series → starts (epoch ms) of the minutes touched since the last refresh. */
    private final Map<MetricKey, Map<String, Set<Long>>> dirtyMinutes = new HashMap<>();
    /** Per metric: series → starts (epoch ms) of the hours touched by late points since the last refresh. */
    private final Map<MetricKey, Map<String, Set<Long>>> dirtyLateHours = new HashMap<>();

    private final Object refreshLock;

    RollupMaintainer(TableAppender appender, TableVisibility applier, TierRows rows, Object refreshLock) {
        this.appender = appender;
        this.applier = applier;
        this.rows = rows;
        this.refreshLock = refreshLock;
    }

    /**
     * The series and minute marked last: points arrive in runs of one series (a record holds one
     * series), mostly in the same minute, so most marks are two string comparisons (the maps cost
     * 11 % of the stream thread when every point went through them).
     */
    private MetricType lastType;
    private String lastMetric;
    private String lastSeries;
    private Set<Long> lastMinutes;
    private long lastMinute;

    void mark(Point point, MetricType type) {
        long minute = Math.floorDiv(point.timestamp().toEpochMilli(), MINUTE_MS) * MINUTE_MS;
        String series = point.labels().canonical();
        if (type != lastType || !point.metric().equals(lastMetric) || !series.equals(lastSeries)) {
            lastMinutes = dirtyMinutes.computeIfAbsent(new MetricKey(type, point.metric()), k -> new HashMap<>())
                    .computeIfAbsent(series, s -> new HashSet<>());
            lastType = type;
            lastMetric = point.metric();
            lastSeries = series;
        } else if (minute == lastMinute) {
            return;
        }
        lastMinutes.add(minute);
        lastMinute = minute;
    }

    /** A point older than the minute rollups' retention, written to {@link Schema#lateTable}. */
    void markLate(Point point, MetricType type) {
        long hour = Math.floorDiv(point.timestamp().toEpochMilli(), HOUR_MS) * HOUR_MS;
        dirtyLateHours.computeIfAbsent(new MetricKey(type, point.metric()), k -> new HashMap<>())
                .computeIfAbsent(point.labels().canonical(), s -> new HashSet<>()).add(hour);
    }

    private void forgetDirty() {
        dirtyMinutes.clear();
        dirtyLateHours.clear();
        lastType = null;
        lastMinutes = null;
    }

    /** Recomputes every touched minute, then every touched hour. Call after the raw commit. */
    void refresh() {
        if (dirtyMinutes.isEmpty() && dirtyLateHours.isEmpty()) {
            return;
        }
        synchronized (refreshLock) {
            recomputeDirty();
        }
        forgetDirty();
    }

    private void recomputeDirty() {
        awaitApplied(Tier.RAW);
        applier.awaitApplied(BESIDE_RAW_TABLES, APPLY_TIMEOUT);
        Map<MetricKey, Map<String, Set<Long>>> dirtyHours = new HashMap<>();
        dirtyMinutes.forEach((key, series) -> {
            recompute(Tier.RAW, Tier.MINUTE, key, series);
            Map<String, Set<Long>> hours = dirtyHours.computeIfAbsent(key, k -> new HashMap<>());
            series.forEach((s, minutes) -> minutes.forEach(m ->
                    hours.computeIfAbsent(s, x -> new HashSet<>()).add(Math.floorDiv(m, 3_600_000L) * 3_600_000L)));
        });
        appender.commit();
        awaitApplied(Tier.MINUTE);
        dirtyHours.forEach((key, series) -> recompute(Tier.MINUTE, Tier.HOUR, key, series));
        dirtyLateHours.forEach((key, series) -> recompute(List.of(Schema.lateTable(key.type())), Tier.RAW, Tier.HOUR,
                key, series, LATE_ROW_OFFSET_MS));
        appender.commit();
    }

    private void recompute(Tier from, Tier to, MetricKey key, Map<String, Set<Long>> dirty) {
        // points that arrived older than the raw retention are kept apart (see Schema.oldTable)
        List<String> sources = from == Tier.RAW ? List.of(from.table(key.type()), Schema.oldTable(key.type()))
                : List.of(from.table(key.type()));
        recompute(sources, from, to, key, dirty, 0);
    }

    /** Recomputes {@code to}'s dirty buckets from {@code sources} (laid out as {@code from}), stored {@code offsetMs} after their start. */
    private void recompute(List<String> sources, Tier from, Tier to, MetricKey key, Map<String, Set<Long>> dirty,
                           long offsetMs) {
        // The dirty series are filtered here, in Java, never as a "series IN (…)" list: without an
        // index the query reads every row of the metric in the dirty minutes either way, and a list
        // of bound texts keeps QuestDB from compiling its filter (a JFR of a bulk ingest: half the
        // recompute went to probing a 1,000-entry list row by row).
        SeriesSelection selection = SeriesSelection.of(new ArrayList<>(dirty.keySet()), 0);
        long width = to.resolution.millis();
        TreeSet<Long> starts = new TreeSet<>();
        dirty.values().forEach(starts::addAll);
        for (long[] run : runs(starts, width)) {
            TimeRange range = new TimeRange(Instant.ofEpochMilli(run[0]), Instant.ofEpochMilli(run[1] + width - 1));
            Map<String, Bucket> fresh = new HashMap<>();
            Consumer<Bucket> keep = bucket -> {
                Set<Long> wanted = dirty.get(bucket.labels().canonical());
                if (wanted != null && wanted.contains(bucket.start().toEpochMilli())) {
                    fresh.merge(bucket.labels().canonical() + '@' + bucket.start().toEpochMilli(), bucket, Bucket::plus);
                }
            };
            for (String table : sources) {
                scan(table, from, key, range, selection, to, keep);
            }
            fresh.values().forEach(bucket -> appender.bucket(to.table(key.type()), key.metric(),
                    offsetMs == 0 ? bucket : bucket.at(bucket.start().plusMillis(offsetMs), bucket.labels())));
        }
    }

    private void scan(String table, Tier from, MetricKey key, TimeRange range, SeriesSelection selection, Tier to,
                      Consumer<Bucket> out) {
        rows.downsample(table, from, key.type(), key.metric(), range, selection, to.resolution, null, out);
    }

    /** Sorted starts as [first, last] runs, joining starts less than MAX_GAP widths apart. */
    private static List<long[]> runs(TreeSet<Long> starts, long width) {
        List<long[]> runs = new ArrayList<>();
        long[] current = null;
        for (long s : starts) {
            if (current != null && s - current[1] <= MAX_GAP * width) {
                current[1] = s;
            } else {
                current = new long[] {s, s};
                runs.add(current);
            }
        }
        return runs;
    }

    private void awaitApplied(Tier tier) {
        List<String> tables = new ArrayList<>();
        for (MetricType type : MetricType.values()) {
            tables.add(tier.table(type));
        }
        applier.awaitApplied(tables, APPLY_TIMEOUT);
    }

    @Override
    public void close() {
        forgetDirty();
        appender.close();
    }
}
