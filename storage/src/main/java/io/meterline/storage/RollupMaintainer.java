package io.meterline.storage;

import io.meterline.core.MetricType;
import io.meterline.core.Point;
import io.meterline.core.TimeRange;
import io.meterline.core.storage.Bucket;
import io.meterline.core.storage.BucketMerger;
import io.questdb.cairo.CairoEngine;
import io.questdb.cairo.TableWriter;
import io.questdb.cairo.wal.WalWriter;
import io.questdb.std.str.Utf8String;
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
 * harmless: the same raw rows give the same rollup row, and dedup keeps one.
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
    private static final List<String> OLD_TABLES = List.of(Schema.oldTable(MetricType.GAUGE),
            Schema.oldTable(MetricType.ENUM), Schema.oldTable(MetricType.HISTOGRAM));

    private record MetricKey(MetricType type, String metric) {
    }

    private final CairoEngine engine;
    private final WalApplier applier;
    private final TierRows rows;
    private final Map<String, WalWriter> writers = new HashMap<>();
    /** Per metric: series → starts (epoch ms) of the minutes touched since the last refresh. */
    private final Map<MetricKey, Map<String, Set<Long>>> dirtyMinutes = new HashMap<>();

    private final Object refreshLock;

    RollupMaintainer(CairoEngine engine, WalApplier applier, TierRows rows, Object refreshLock) {
        this.engine = engine;
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

    private void forgetDirty() {
        dirtyMinutes.clear();
        lastType = null;
        lastMinutes = null;
    }

    /** Recomputes every touched minute, then every touched hour. Call after the raw commit. */
    void refresh() {
        if (dirtyMinutes.isEmpty()) {
            return;
        }
        synchronized (refreshLock) {
            recomputeDirty();
        }
        forgetDirty();
    }

    private void recomputeDirty() {
        awaitApplied(Tier.RAW);
        applier.awaitApplied(OLD_TABLES, APPLY_TIMEOUT);
        Map<MetricKey, Map<String, Set<Long>>> dirtyHours = new HashMap<>();
        dirtyMinutes.forEach((key, series) -> {
            recompute(Tier.RAW, Tier.MINUTE, key, series);
            Map<String, Set<Long>> hours = dirtyHours.computeIfAbsent(key, k -> new HashMap<>());
            series.forEach((s, minutes) -> minutes.forEach(m ->
                    hours.computeIfAbsent(s, x -> new HashSet<>()).add(Math.floorDiv(m, 3_600_000L) * 3_600_000L)));
        });
        commit(Tier.MINUTE);
        awaitApplied(Tier.MINUTE);
        dirtyHours.forEach((key, series) -> recompute(Tier.MINUTE, Tier.HOUR, key, series));
        commit(Tier.HOUR);
    }

    private void recompute(Tier from, Tier to, MetricKey key, Map<String, Set<Long>> dirty) {
        SeriesSelection selection = SeriesSelection.of(new ArrayList<>(dirty.keySet()), SeriesIndex.MAX_IN_LIST);
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
            scan(from.table(key.type()), from, key, range, selection, to, keep);
            if (from == Tier.RAW) {
                // points that arrived older than the raw retention are kept apart (see Schema.oldTable)
                scan(Schema.oldTable(key.type()), from, key, range, selection, to, keep);
            }
            fresh.values().forEach(bucket -> write(to, key, bucket));
        }
    }

    private void scan(String table, Tier from, MetricKey key, TimeRange range, SeriesSelection selection, Tier to,
                      Consumer<Bucket> out) {
        BucketMerger merger = new BucketMerger(to.resolution, null, out);
        rows.scan(table, from, key.type(), key.metric(), range, selection, merger::add);
        merger.finish();
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

    private void write(Tier tier, MetricKey key, Bucket bucket) {
        TableWriter.Row row = writer(tier.table(key.type())).newRow(bucket.start().toEpochMilli() * 1000L);
        row.putSym(1, key.metric());
        row.putSym(2, bucket.labels().canonical());
        if (bucket instanceof Bucket.GaugeBucket g) {
            row.putLong(3, g.count());
            row.putDouble(4, g.sum());
            row.putDouble(5, g.min());
            row.putDouble(6, g.max());
            row.putDouble(7, g.last());
            row.putTimestamp(8, g.lastAt().toEpochMilli() * 1000L);
        } else if (bucket instanceof Bucket.EnumBucket e) {
            row.putVarchar(3, new Utf8String(StateCounts.encode(e.counts())));
        } else if (bucket instanceof Bucket.HistogramBucket h) {
            row.putVarchar(3, new Utf8String(h.buckets().encode()));
            row.putLong(4, h.count());
            if (h.sum() != null) {
                row.putDouble(5, h.sum());
            }
        }
        row.append();
    }

    private WalWriter writer(String table) {
        return writers.computeIfAbsent(table, t -> engine.getWalWriter(engine.verifyTableName(t)));
    }

    private void commit(Tier tier) {
        for (MetricType type : MetricType.values()) {
            WalWriter w = writers.get(tier.table(type));
            if (w != null) {
                w.commit();
            }
        }
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
        RuntimeException first = null;
        for (WalWriter w : writers.values()) {
            try {
                w.close();
            } catch (RuntimeException e) {
                first = first == null ? e : first;
            }
        }
        writers.clear();
        forgetDirty();
        if (first != null) {
            throw first;
        }
    }
}
