package io.meterline.storage;

import io.questdb.cairo.CairoEngine;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Runs read queries from any thread: each thread gets its own {@link ThreadQueries}, all closed together. */
final class EmbeddedQueries implements Queries {

    private final CairoEngine engine;
    private final Set<ThreadQueries> all = ConcurrentHashMap.newKeySet();
    private final ThreadLocal<ThreadQueries> local;
    private volatile boolean closed;

    EmbeddedQueries(CairoEngine engine) {
        this.engine = engine;
        this.local = ThreadLocal.withInitial(this::register);
    }

    private ThreadQueries register() {
        ThreadQueries queries = new ThreadQueries(engine);
        all.add(queries);
        return queries;
    }

    @Override
    public <T> T query(String sql, Binds binds, Rows.Reader<T> reader) {
        if (closed) {
            throw new IllegalStateException("the metric store is closed");
        }
        return local.get().query(sql, binds, reader);
    }

    @Override
    public void close() {
        closed = true;
        all.forEach(ThreadQueries::close);
        all.clear();
    }
}
