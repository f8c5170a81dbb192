package io.meterline.storage;

import io.meterline.core.Point;
import io.meterline.core.storage.Bucket;
import io.questdb.client.Sender;
import java.time.temporal.ChronoUnit;

/**
 * Appends rows to a QuestDB server over ILP/HTTP: rows gather in the sender's buffer and
 * {@link #commit()} sends them in one request, which the server acknowledges once they are in
 * its WAL (durable; visible after the server applies it). Columns are set by name; ILP wants the
 * symbols before the other columns. The tables exist already (made over PGWire with the same DDL
 * as embedded), so ILP never invents a column type.
 */
final class IlpAppender implements TableAppender {

    private final Sender sender;

    /** {@code config}: the server's ILP/HTTP address, e.g. {@code http::addr=host:9000;}; auto-flush is turned off here. */
    IlpAppender(String config) {
        this.sender = Sender.fromConfig(config + "auto_flush=off;");
    }

    @Override
    public void series(String metric, String series) {
        sender.table(Schema.SERIES).symbol("metric", metric).stringColumn("series", series).at(0L, ChronoUnit.MICROS);
    }

    @Override
    public void point(String table, String series, Point point) {
        sender.table(table).symbol("metric", point.metric()).symbol("series", series);
        if (point instanceof Point.Gauge g) {
            sender.doubleColumn("value", g.value());
        } else if (point instanceof Point.EnumSample e) {
            sender.symbol("state", e.state());
        } else if (point instanceof Point.Histogram h) {
            sender.stringColumn("buckets", h.buckets().encode());
            if (h.sum() != null) {
                sender.doubleColumn("sum", h.sum()); // left out, the column reads as null
            }
            sender.longColumn("count", h.buckets().total());
        } else {
            sender.cancelRow();
            throw new IllegalArgumentException("unknown point kind [class=" + point.getClass().getName() + ']');
        }
        sender.at(point.timestamp().toEpochMilli() * 1000L, ChronoUnit.MICROS);
    }

    @Override
    public void bucket(String table, String metric, Bucket bucket) {
        sender.table(table).symbol("metric", metric).symbol("series", bucket.labels().canonical());
        if (bucket instanceof Bucket.GaugeBucket g) {
            sender.longColumn("count", g.count())
                    .doubleColumn("sum", g.sum())
                    .doubleColumn("min", g.min())
                    .doubleColumn("max", g.max())
                    .doubleColumn("last", g.last())
                    .timestampColumn("last_ts", g.lastAt().toEpochMilli() * 1000L, ChronoUnit.MICROS);
        } else if (bucket instanceof Bucket.EnumBucket e) {
            sender.stringColumn("counts", StateCounts.encode(e.counts()));
        } else if (bucket instanceof Bucket.HistogramBucket h) {
            sender.stringColumn("buckets", h.buckets().encode()).longColumn("count", h.count());
            if (h.sum() != null) {
                sender.doubleColumn("sum", h.sum());
            }
        }
        sender.at(bucket.start().toEpochMilli() * 1000L, ChronoUnit.MICROS);
    }

    @Override
    public void commit() {
        try {
            sender.flush();
        } catch (RuntimeException e) {
            // the caller replays the batch; what the server did take, dedup absorbs
            sender.reset();
            throw e;
        }
    }

    @Override
    public void rollback() {
        sender.reset();
    }

    /** Uncommitted rows must never be written: drop them before close (which flushes when auto-flush is on). */
    @Override
    public void close() {
        sender.reset();
        sender.close();
    }
}
