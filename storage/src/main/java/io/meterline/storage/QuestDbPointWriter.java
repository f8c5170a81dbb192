package io.meterline.storage;

import io.meterline.core.MetricType;
import io.meterline.core.Point;
import io.questdb.cairo.CairoEngine;
import io.questdb.cairo.TableWriter;
import io.questdb.cairo.wal.WalWriter;
import io.questdb.std.str.Utf8String;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Appends points to the WAL of their type's table; one WAL writer per table, opened on first use.
 * Several writers (one per stream thread) may write one table in parallel: each has its own WAL.
 */
final class QuestDbPointWriter implements io.meterline.core.storage.PointWriter {

    private static final int METRIC = 1;
    private static final int SERIES = 2;

    private final CairoEngine engine;
    /** Insertion order puts the series table first, so a committed point's series is committed too. */
    private final Map<String, WalWriter> writers = new LinkedHashMap<>();
    /** Series this writer recorded since its last commit, and those already committed. */
    private final Set<String> pendingSeries = new HashSet<>();
    private final Set<String> committedSeries = new HashSet<>();

    private final RollupMaintainer rollups;
    private final java.time.Duration rawRetention;

    QuestDbPointWriter(CairoEngine engine, RollupMaintainer rollups, java.time.Duration rawRetention) {
        this.engine = engine;
        this.rollups = rollups;
        this.rawRetention = rawRetention;
        writers.put(Schema.SERIES, null);
    }

    @Override
    public void write(Point point) {
        long micros = point.timestamp().toEpochMilli() * 1000L;
        String series = point.labels().canonical();
        recordSeries(point.metric(), series);
        if (point instanceof Point.Gauge) {
            TableWriter.Row row = newRow(table(point, MetricType.GAUGE), micros, point.metric(), series);
            row.putDouble(3, ((Point.Gauge) point).value());
            row.append();
            rollups.mark(point, MetricType.GAUGE);
        } else if (point instanceof Point.EnumSample) {
            TableWriter.Row row = newRow(table(point, MetricType.ENUM), micros, point.metric(), series);
            row.putSym(3, ((Point.EnumSample) point).state());
            row.append();
            rollups.mark(point, MetricType.ENUM);
        } else if (point instanceof Point.Histogram) {
            Point.Histogram h = (Point.Histogram) point;
            TableWriter.Row row = newRow(table(point, MetricType.HISTOGRAM), micros, point.metric(), series);
            row.putVarchar(3, new Utf8String(h.buckets().encode()));
            if (h.sum() != null) {
                row.putDouble(4, h.sum()); // left unset, the column reads as null
            }
            row.putLong(5, h.buckets().total());
            row.append();
            rollups.mark(point, MetricType.HISTOGRAM);
        } else {
            throw new IllegalArgumentException("unknown point kind [class=" + point.getClass().getName() + ']');
        }
    }

    /**
     * The raw table, or the old-points table for a point the raw retention no longer covers (an
     * hour of margin, so a point near the edge isn't dropped by TTL before its rollup is computed).
     */
    private String table(Point point, MetricType type) {
        java.time.Instant cutoff = java.time.Instant.now().minus(rawRetention).plus(java.time.Duration.ofHours(1));
        return point.timestamp().isBefore(cutoff) ? Schema.oldTable(type) : Schema.rawTable(type);
    }

    private void recordSeries(String metric, String series) {
        String key = metric + '\u0000' + series;
        if (committedSeries.contains(key) || !pendingSeries.add(key)) {
            return;
        }
        TableWriter.Row row = writer(Schema.SERIES).newRow(0L);
        row.putSym(1, metric);
        row.putVarchar(2, new Utf8String(series));
        row.append();
    }

    private TableWriter.Row newRow(String table, long micros, String metric, String series) {
        TableWriter.Row row = writer(table).newRow(micros);
        row.putSym(METRIC, metric);
        row.putSym(SERIES, series);
        return row;
    }

    private WalWriter writer(String table) {
        WalWriter writer = writers.get(table);
        if (writer == null) {
            writer = engine.getWalWriter(engine.verifyTableName(table));
            writers.put(table, writer);
        }
        return writer;
    }

    @Override
    public void commit() {
        try {
            for (WalWriter writer : writers.values()) {
                if (writer != null) {
                    writer.commit();
                }
            }
        } catch (RuntimeException e) {
            // a writer that failed to commit is distressed: drop them all, the next write reopens them;
            // the caller replays the batch, and dedup absorbs the part that did commit
            pendingSeries.clear();
            closeWriters();
            throw e;
        }
        committedSeries.addAll(pendingSeries);
        pendingSeries.clear();
        // bounded memory on a writer that lives for days; forgetting only costs a harmless rewrite
        if (committedSeries.size() > 100_000) {
            committedSeries.clear();
        }
    }

    @Override
    public void commitRollups() {
        rollups.refresh();
    }

    @Override
    public void rollback() {
        for (WalWriter writer : writers.values()) {
            if (writer != null) {
                writer.rollback();
            }
        }
        pendingSeries.clear();
    }

    /** Drops uncommitted rows (WalWriter.close rolls back) and returns the WAL writers to the engine's pool. */
    @Override
    public void close() {
        try {
            closeWriters();
        } finally {
            rollups.close();
        }
    }

    private void closeWriters() {
        RuntimeException first = null;
        for (WalWriter writer : writers.values()) {
            try {
                if (writer != null) {
                    writer.close();
                }
            } catch (RuntimeException e) {
                first = first == null ? e : first;
            }
        }
        writers.clear();
        writers.put(Schema.SERIES, null);
        if (first != null) {
            throw first;
        }
    }
}
