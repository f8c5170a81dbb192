package io.meterline.storage;

import io.meterline.core.ComponentHealth;
import io.meterline.core.storage.MetricReader;
import io.meterline.core.storage.MetricStore;
import io.meterline.core.storage.PointWriter;
import java.time.Duration;
import java.util.List;

/**
 * Points kept in a QuestDB server, shared by any number of Meterline instances: writes over
 * ILP/HTTP (acknowledged once in the server's WAL), reads over PGWire, the same tables, SQL and
 * bind values as {@link QuestDbMetricStore}. The tables are made (if missing) at start.
 * <p>
 * Rollup refreshes take turns within this process only: across instances, one series stays
 * exact because its records are keyed by series, so one partition (one instance) handles it.
 */
public final class RemoteQuestDbStore implements MetricStore {

    private static final String COMPONENT = "storage";

    private final QuestDbServerAddress address;
    private final StorageSettings settings;
    private final PgWireQueries queries;
    private final WalTablesVisibility visibility;
    private final QuestDbMetricReader reader;
    private final Object rollupRefresh = new Object();
    private volatile boolean closed;

    public RemoteQuestDbStore(QuestDbServerAddress address, StorageSettings settings) {
        this.address = address;
        this.settings = settings;
        this.queries = new PgWireQueries(address.host(), address.pgPort(), address.user().orElse("admin"),
                address.password().orElse("quest"));
        try {
            createTables();
        } catch (RuntimeException e) {
            queries.close();
            throw new IllegalStateException("cannot use the QuestDB server " + address + ": " + e.getMessage(), e);
        }
        this.visibility = new WalTablesVisibility(queries);
        this.reader = new QuestDbMetricReader(queries, new SeriesIndex(queries, visibility), new TierRows(queries),
                settings.rawRetention());
    }

    /** The same DDL as embedded. */
    private void createTables() {
        List<String> statements = new java.util.ArrayList<>(Schema.createStatements(settings));
        statements.addAll(Schema.retentionStatements(settings));
        queries.executeEach(statements);
        queries.executeEach(Schema.missingSeriesIndexes(queries));
    }

    @Override
    public PointWriter openWriter() {
        ensureOpen();
        return new QuestDbPointWriter(new IlpAppender(address.ilpConfig()),
                new RollupMaintainer(new IlpAppender(address.ilpConfig()), visibility, new TierRows(queries), rollupRefresh),
                settings);
    }

    @Override
    public MetricReader reader() {
        ensureOpen();
        return reader;
    }

    /** Waits until everything committed before this call is visible to readers (for tests, and read-your-writes). */
    public void awaitApplied(Duration timeout) {
        ensureOpen();
        visibility.awaitApplied(Schema.ALL_TABLES, timeout);
    }

    @Override
    public ComponentHealth check() {
        if (closed) {
            return ComponentHealth.down(COMPONENT, "the metric store is closed");
        }
        try {
            List<String> suspended = visibility.suspended(Schema.ALL_TABLES);
            if (!suspended.isEmpty()) {
                return ComponentHealth.down(COMPONENT, "the QuestDB server " + address + " suspended WAL apply on "
                        + String.join(", ", suspended) + "; see the server's log");
            }
            return ComponentHealth.up(COMPONENT);
        } catch (RuntimeException e) {
            return ComponentHealth.down(COMPONENT, "the QuestDB server " + address + " did not answer: " + e.getMessage());
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
        queries.close();
    }
}
