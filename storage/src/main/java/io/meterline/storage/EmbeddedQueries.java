package io.meterline.storage;

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

    @Override
    public void close() {
        closed = true;
        sessions.closeAll(QuerySession::close);
    }
}
