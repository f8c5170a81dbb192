package io.meterline.storage;

import io.meterline.core.Point;
import io.meterline.core.storage.Bucket;

/**
 * Appends rows to Meterline's tables and commits them: into the embedded engine's WAL
 * ({@link WalAppender}) or to a QuestDB server over ILP/HTTP ({@link IlpAppender}). Not
 * thread-safe: one per writing thread. Nothing appended is durable before {@link #commit()};
 * a row appended twice (same table, ts, metric, series) keeps the last one (dedup).
 */
interface TableAppender extends AutoCloseable {

    /** The series table's row for one series (one row per series: a constant timestamp, deduplicated). */
    void series(String metric, String series);

    /** A raw point into {@code table} (a raw or old-points table of the point's type). */
    void point(String table, String series, Point point);

    /** A rollup row into {@code table} (a 1m or 1h table of the bucket's type). */
    void bucket(String table, String metric, Bucket bucket);

    /** Makes every row appended since the last commit durable; the series rows first. */
    void commit();

    /** Drops every row appended since the last commit. */
    void rollback();

    /** Drops uncommitted rows and releases what the appender holds. */
    @Override
    void close();
}
