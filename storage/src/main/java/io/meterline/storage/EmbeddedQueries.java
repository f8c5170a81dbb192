package io.meterline.storage;

import io.meterline.core.TimeRange;

import io.questdb.cairo.CairoEngine;

/** Runs read queries from any thread on pooled {@link QuerySession}s, all closed together. */
final class EmbeddedQueries implements Queries {

    private final SessionPool<QuerySession> sessions;
    private volatile boolean closed;

    EmbeddedQueries(CairoEngine engine) {
        this.sessions = new SessionPool<>(() -> new QuerySession(engine));
    }

    @Override
    public <T> T query(String sql, Binds binds, Rows.Reader<T> reader) {
        if (closed) {
            throw new IllegalStateException("the metric store is closed");
        }
        return sessions.use(s -> s.query(sql, binds, reader));
    }

    /**
     * From the table's page frames ({@link PageFrameRows}): a whole metric is millions of rows, and
     * through a cursor reading them cost more than all the rest of a downsampled read. The metric
     * is filtered in Java, only the time range in SQL (it picks the partitions and rows).
     */
    @Override
    public <T> T queryMetric(String columns, String table, String metric, TimeRange range, Rows.Reader<T> reader) {
        if (closed) {
            throw new IllegalStateException("the metric store is closed");
        }
        String sql = "SELECT " + columns + ", metric FROM " + table + " WHERE ts >= $1 AND ts <= $2";
        Binds binds = new Binds().timestamp(RangeQuery.lowMicros(range)).timestamp(RangeQuery.highMicros(range));
        return sessions.use(s -> s.queryFrames(sql, binds, metric, reader, () -> {
            RangeQuery filtered = RangeQuery.wholeMetric(columns, table, metric, range);
            return s.query(filtered.sql, filtered.binds, reader);
        }));
    }

    @Override
    public void close() {
        closed = true;
        sessions.closeAll(QuerySession::close);
    }
}
