package io.meterline.storage;

import io.meterline.core.Point;
import io.meterline.core.storage.Bucket;
import io.questdb.cairo.CairoEngine;
import io.questdb.cairo.TableWriter;
import io.questdb.cairo.wal.WalWriter;
import io.questdb.std.str.Utf8String;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Appends rows to the embedded engine's WAL: one WAL writer per table, opened on first use.
 * Several appenders (one per stream thread) may write one table in parallel: each has its own WAL.
 * Columns are set by position, in the order {@link Schema} creates them.
 */
final class WalAppender implements TableAppender {

    private static final int METRIC = 1;
    private static final int SERIES = 2;
    private static final int FIRST_VALUE = 3;

    private final CairoEngine engine;
    /** Insertion order puts the series table first, so a committed point's series is committed too. */
    private final Map<String, WalWriter> writers = new LinkedHashMap<>();

    WalAppender(CairoEngine engine) {
        this.engine = engine;
        writers.put(Schema.SERIES, null);
    }

    @Override
    public void series(String metric, String series) {
        TableWriter.Row row = writer(Schema.SERIES).newRow(0L);
        row.putSym(METRIC, metric);
        row.putVarchar(SERIES, new Utf8String(series));
        row.append();
    }

    @Override
    public void point(String table, String series, Point point) {
        TableWriter.Row row = newRow(table, point.timestamp().toEpochMilli() * 1000L, point.metric(), series);
        if (point instanceof Point.Gauge g) {
            row.putDouble(FIRST_VALUE, g.value());
        } else if (point instanceof Point.EnumSample e) {
            row.putSym(FIRST_VALUE, e.state());
        } else if (point instanceof Point.Histogram h) {
            row.putVarchar(FIRST_VALUE, new Utf8String(h.buckets().encode()));
            if (h.sum() != null) {
                row.putDouble(FIRST_VALUE + 1, h.sum()); // left unset, the column reads as null
            }
            row.putLong(FIRST_VALUE + 2, h.buckets().total());
        } else {
            row.cancel();
            throw new IllegalArgumentException("unknown point kind [class=" + point.getClass().getName() + ']');
        }
        row.append();
    }

    @Override
    public void bucket(String table, String metric, Bucket bucket) {
        TableWriter.Row row = newRow(table, bucket.start().toEpochMilli() * 1000L, metric, bucket.labels().canonical());
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
            // a writer that failed to commit is distressed: drop them all, the next append reopens them;
            // the caller replays the batch, and dedup absorbs the part that did commit
            closeWriters();
            throw e;
        }
    }

    @Override
    public void rollback() {
        for (WalWriter writer : writers.values()) {
            if (writer != null) {
                writer.rollback();
            }
        }
    }

    /** Drops uncommitted rows (WalWriter.close rolls back) and returns the WAL writers to the engine's pool. */
    @Override
    public void close() {
        closeWriters();
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
