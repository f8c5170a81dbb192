package io.meterline.storage;

import io.questdb.cairo.CairoEngine;
import io.questdb.cairo.security.AllowAllSecurityContext;
import io.questdb.cairo.sql.BindVariableService;
import io.questdb.cairo.sql.PageFrameCursor;
import io.questdb.cairo.sql.PartitionFrameCursorFactory;
import io.questdb.cairo.sql.RecordCursor;
import io.questdb.cairo.sql.RecordCursorFactory;
import io.questdb.cairo.sql.TableReferenceOutOfDateException;
import io.questdb.griffin.SqlException;
import io.questdb.griffin.SqlExecutionContextImpl;
import io.questdb.griffin.engine.functions.bind.BindVariableServiceImpl;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * An execution context and its compiled queries, used by one thread at a time. Compiling costs
 * 3–130 ms, so factories are kept per SQL text (LRU-bounded: texts vary with the number of series
 * placeholders). Each factory has its own bind variables, since compiled functions point at the
 * bind service's instances. Methods are synchronized only so that the store's close waits for a
 * query in flight.
 */
final class QuerySession implements AutoCloseable {

    private static final int MAX_FACTORIES = 64;

    private record Compiled(RecordCursorFactory factory, BindVariableService binds) {
    }

    private final CairoEngine engine;
    private final SqlExecutionContextImpl context;
    private final Map<String, Compiled> compiled = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Compiled> eldest) {
            if (size() > MAX_FACTORIES) {
                eldest.getValue().factory().close();
                return true;
            }
            return false;
        }
    };
    private boolean closed;

    QuerySession(CairoEngine engine) {
        this.engine = engine;
        this.context = new SqlExecutionContextImpl(engine, 1);
        context.with(AllowAllSecurityContext.INSTANCE, new BindVariableServiceImpl(engine.getConfiguration()));
    }

    synchronized <T> T query(String sql, Binds binds, Rows.Reader<T> reader) {
        return compiledOnce(sql, () -> run(sql, binds, reader));
    }

    /**
     * Runs {@code sql}, a plain table scan whose last column is the metric symbol, and hands the
     * reader that metric's rows straight from the table's page frames ({@link PageFrameRows}),
     * oldest first; or, where the plan has no page frames or a frame is not native, what
     * {@code otherwise} answers.
     */
    synchronized <T> T queryFrames(String sql, Binds binds, String metric, Rows.Reader<T> reader, Supplier<T> otherwise) {
        return compiledOnce(sql, () -> runFrames(sql, binds, metric, reader, otherwise));
    }

    private interface Work<T> {
        T run() throws SqlException;
    }

    /** Runs the work on an open session, compiling {@code sql} again once if its cached plan went stale. */
    private <T> T compiledOnce(String sql, Work<T> work) {
        if (closed) {
            throw new IllegalStateException("the metric store is closed");
        }
        try {
            try {
                return work.run();
            } catch (TableReferenceOutOfDateException e) {
                // an ALTER or a symbol capacity growth made the cached plan stale: compile again, once
                evict(sql);
                return work.run();
            }
        } catch (SqlException e) {
            evict(sql);
            throw new IllegalStateException("storage query failed [sql=" + sql + ", error=" + e.getFlyweightMessage() + ']', e);
        }
    }

    private <T> T run(String sql, Binds binds, Rows.Reader<T> reader) throws SqlException {
        try (RecordCursor cursor = compiled(sql, binds).getCursor(context)) {
            return reader.read(new CursorRows(cursor));
        }
    }

    private <T> T runFrames(String sql, Binds binds, String metric, Rows.Reader<T> reader, Supplier<T> otherwise)
            throws SqlException {
        RecordCursorFactory factory = compiled(sql, binds);
        if (!factory.supportsPageFrameCursor()) {
            return otherwise.get();
        }
        try (PageFrameCursor frames = factory.getPageFrameCursor(context, PartitionFrameCursorFactory.ORDER_ASC)) {
            if (PageFrameRows.allNative(frames)) {
                int columns = factory.getMetadata().getColumnCount();
                return reader.read(new PageFrameRows(frames, columns, columns - 1, metric));
            }
        }
        return otherwise.get(); // with the frames' reader closed
    }

    /** The query's factory, compiled on first use, its bind variables set to {@code binds}. */
    private RecordCursorFactory compiled(String sql, Binds binds) throws SqlException {
        Compiled c = compiled.get(sql);
        if (c == null) {
            BindVariableService service = new BindVariableServiceImpl(engine.getConfiguration());
            binds.applyTo(service); // types must be known before compiling
            context.with(service);
            c = new Compiled(engine.select(sql, context), service);
            compiled.put(sql, c);
        } else {
            binds.applyTo(c.binds());
            context.with(c.binds());
        }
        return c.factory();
    }

    private void evict(String sql) {
        Compiled c = compiled.remove(sql);
        if (c != null) {
            c.factory().close();
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        compiled.values().forEach(c -> c.factory().close());
        compiled.clear();
        context.close();
    }
}
