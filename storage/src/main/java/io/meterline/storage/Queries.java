package io.meterline.storage;

import io.meterline.core.TimeRange;

/** Runs read queries from any thread: against the embedded engine, or a QuestDB server over PGWire. */
interface Queries extends AutoCloseable {

    /**
     * Runs {@code sql} (placeholders {@code $1, $2, …}, each once and in order) and hands the rows
     * to {@code reader} while the answer is open; it is closed when the reader returns or throws.
     */
    <T> T query(String sql, Binds binds, Rows.Reader<T> reader);

    /**
     * Every row of one metric in a time range of a table, oldest first, with {@code columns}
     * (fixed-width ones only: no varchar): the same rows as {@link RangeQuery} over all series
     * gives, read however is quickest.
     */
    default <T> T queryMetric(String columns, String table, String metric, TimeRange range, Rows.Reader<T> reader) {
        RangeQuery q = RangeQuery.wholeMetric(columns, table, metric, range);
        return query(q.sql, q.binds, reader);
    }

    @Override
    void close();
}
