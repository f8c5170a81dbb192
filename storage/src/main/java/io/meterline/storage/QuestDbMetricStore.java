package io.meterline.storage;

import io.meterline.core.ComponentHealth;
import io.meterline.core.storage.MetricReader;
import io.meterline.core.storage.MetricStore;
import io.meterline.core.storage.PointWriter;
import io.questdb.cairo.CairoEngine;
import io.questdb.cairo.security.AllowAllSecurityContext;
import io.questdb.griffin.SqlException;
import io.questdb.griffin.SqlExecutionContextImpl;
import io.questdb.griffin.engine.functions.bind.BindVariableServiceImpl;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Points kept in an embedded QuestDB under one folder: {@code db/} the tables, {@code log/questdb.log}
 * QuestDB's errors, {@code native/} its native libraries.
 * The constructor builds everything in order and registers each part; close() releases them in
 * reverse. Close the writers it handed out before closing the store.
 */
public final class QuestDbMetricStore implements MetricStore {

    private static final String COMPONENT = "storage";

    private final Deque<AutoCloseable> closeables = new ArrayDeque<>();
    private final CairoEngine engine;
    private final WalApplier walApplier;
    private final EmbeddedQueries queries;
    private final QuestDbMetricReader reader;
    private final StorageSettings settings;
    /** One rollup refresh at a time across writers; see {@link RollupMaintainer}. */
    private final Object rollupRefresh = new Object();
    private volatile boolean closed;

    public QuestDbMetricStore(Path root) {
        this(root, StorageSettings.DEFAULTS);
    }

    public QuestDbMetricStore(Path root, StorageSettings settings) {
        this(root, settings, Runtime.getRuntime().availableProcessors());
    }

    /** {@code readThreads}: how many threads, the asking one included, may share a large downsampled read. */
    QuestDbMetricStore(Path root, StorageSettings settings, int readThreads) {
        this.settings = settings;
        try {
            Files.createDirectories(root.resolve("db"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the storage folder [root=" + root + ']', e);
        }
        // both before the first io.questdb class loads
        QuestDbLogging.toFileUnder(root);
        NativeLibraries.extractUnder(root);
        try {
            engine = register(new CairoEngine(new EmbeddedCairoConfiguration(root.resolve("db").toAbsolutePath().toString())));
            engine.load();
            // the QuestDB server does this on a startup thread; DDL on an existing table needs it done
            engine.getMetadataCache().onStartupAsyncHydrator();
            engine.hydrateRecentWriteTracker();
            queries = register(new EmbeddedQueries(engine));
            createTables(settings);
            walApplier = register(new WalApplier(engine));
            reader = new QuestDbMetricReader(queries, new SeriesIndex(queries, walApplier),
                    new TierRows(queries, register(new ReadThreads(readThreads))), settings.rawRetention());
        } catch (SqlException | RuntimeException e) {
            close();
            throw new IllegalStateException("cannot open the metric store [root=" + root + ", error=" + e.getMessage() + ']', e);
        }
    }

    private <T extends AutoCloseable> T register(T closeable) {
        closeables.push(closeable);
        return closeable;
    }

    private void createTables(StorageSettings settings) throws SqlException {
        try (SqlExecutionContextImpl ddl = new SqlExecutionContextImpl(engine, 1)) {
            ddl.with(AllowAllSecurityContext.INSTANCE, new BindVariableServiceImpl(engine.getConfiguration()));
            for (String sql : Schema.createStatements(settings)) {
                engine.execute(sql, ddl);
            }
            for (String sql : Schema.retentionStatements(settings)) {
                engine.execute(sql, ddl);
            }
            for (String sql : Schema.missingSeriesIndexes(queries)) {
                engine.execute(sql, ddl);
            }
        }
    }

    /** For tests in this package: DDL that must invalidate cached queries. */
    CairoEngine engine() {
        return engine;
    }

    /** For tests in this package: reads beside the store's own reader. */
    Queries queries() {
        return queries;
    }

    @Override
    public PointWriter openWriter() {
        return openWriter(Clock.systemUTC());
    }

    /** For tests in this package: a writer whose "now" (which decides whether a point is old or late) is the clock's. */
    PointWriter openWriter(Clock clock) {
        ensureOpen();
        return new QuestDbPointWriter(new WalAppender(engine),
                new RollupMaintainer(new WalAppender(engine), walApplier, new TierRows(queries), rollupRefresh),
                settings, clock);
    }

    @Override
    public MetricReader reader() {
        ensureOpen();
        return reader;
    }

    /**
     * Waits until everything committed before this call is visible to readers (normally a few
     * milliseconds after commit). For tests, and for callers that must read their own writes.
     */
    public void awaitApplied() {
        awaitApplied(Duration.ofSeconds(30));
    }

    public void awaitApplied(Duration timeout) {
        ensureOpen();
        walApplier.awaitApplied(Schema.ALL_TABLES, timeout);
    }

    @Override
    public ComponentHealth check() {
        if (closed) {
            return ComponentHealth.down(COMPONENT, "the metric store is closed");
        }
        try {
            for (String table : Schema.ALL_TABLES) {
                if (engine.getTableSequencerAPI().isSuspended(engine.verifyTableName(table))) {
                    return ComponentHealth.down(COMPONENT, "QuestDB suspended WAL apply on table " + table
                            + "; see log/questdb.log");
                }
            }
            queries.query("SELECT ts FROM " + Schema.SERIES + " LIMIT 1", new Binds(), Rows::next);
            return ComponentHealth.up(COMPONENT);
        } catch (RuntimeException e) {
            return ComponentHealth.down(COMPONENT, "QuestDB query failed: " + e.getMessage());
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the metric store is closed");
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        while (!closeables.isEmpty()) {
            try {
                closeables.pop().close();
            } catch (Exception e) {
                // keep releasing the rest; the engine's files must be unlocked even if a pool failed
            }
        }
    }
}
