package io.meterline.ingest;

import io.meterline.core.Point;
import io.meterline.core.storage.MetricStore;
import io.meterline.core.storage.PointWriter;
import java.util.Map;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.internals.CacheFlushListener;
import org.apache.kafka.streams.state.internals.CachedStateStore;

/**
 * Storage seen by Kafka Streams as a state store, so that storage commits before the task's
 * offsets do: an offset is committed only after the storage commit that covers it, a crash
 * replays from the last offset commit, and the storage's dedup keys absorb the replay.
 *
 * <p>The hook is {@link CachedStateStore#flushCache()}, not {@link StateStore#flush()}: Streams
 * (4.x) flushes store caches in {@code prepareCommit}, before the offsets are committed, but
 * flushes the stores themselves only in {@code postCommit}, after. Committing in {@code flush()}
 * left a window where offsets covered points whose rollups (and last 20 ms of raw rows) were
 * not yet committed; a kill -9 in it lost them. {@code StorageSinkStoreCommitOrderIT} pins the
 * order against the Streams version in use.
 */
final class StorageSinkStore implements StateStore, CachedStateStore<byte[], byte[]> {

    static final String NAME = "meterline-storage-sink";
    /** A tick that gathers this many points is a busy one (50k points/s per stream thread at 20 ms ticks). */
    static final long BUSY_PENDING_POINTS = 1_000;
    static final long BUSY_COMMIT_INTERVAL_MS = 100;

    private final MetricStore store;
    private final IngestMeters meters;
    private final StorageWriteHealth health;
    private PointWriter writer;
    private long pending;
    private long lastCommitMillis;

    StorageSinkStore(MetricStore store, IngestMeters meters, StorageWriteHealth health) {
        this.store = store;
        this.meters = meters;
        this.health = health;
    }

    /** Failures propagate: the task fails and restarts from its last committed offsets, losing nothing. */
    void write(Point point) {
        try {
            writer.write(point);
        } catch (RuntimeException e) {
            throw reported(e);
        }
        pending++;
    }

    /** A storage failure, noted for {@code /ready} (see {@link StorageWriteHealth}) on its way up. */
    private RuntimeException reported(RuntimeException e) {
        health.failed(e);
        return e;
    }

    /**
     * Commits storage ahead of the offsets, to make points visible sooner than the offset commit
     * interval. Always safe: storage may run ahead of the offsets (a replay is deduplicated), never
     * behind them.
     */
    void commitEarly() {
        if (pending > 0) {
            try {
                meters.storageCommits().record(writer::commit);
            } catch (RuntimeException e) {
                throw reported(e);
            }
            meters.pointsStored().increment(pending); // stored means committed, not handed to the writer
            pending = 0;
            lastCommitMillis = System.currentTimeMillis();
            health.committed();
        }
    }

    /**
     * The punctuation's commit, every {@link MetricsTopology#STORAGE_COMMIT_INTERVAL}: at once while
     * few points are pending (light load: visible within a tick), else once the last commit is
     * {@link #BUSY_COMMIT_INTERVAL_MS} old. Under load, each WAL transaction costs QuestDB's apply
     * job a merge into the table; commits five times larger took a fifth off the ingest CPU.
     */
    void commitOnTick(long nowMillis) {
        if (pending < BUSY_PENDING_POINTS || nowMillis - lastCommitMillis >= BUSY_COMMIT_INTERVAL_MS) {
            commitEarly();
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        writer = store.openWriter();
        pending = 0; // a store opened again (a task revived) starts with nothing written
        // Nothing to restore: the changelog is off, storage itself is the durable copy.
        context.register(root, (key, value) -> { });
    }

    /** Called by Streams before every offset commit of the task (interval, request, revocation, close). */
    @Override
    public void flushCache() {
        if (writer != null) {
            commitEarly();
            // rollups before the offsets: a crash from here on replays the points and recomputes them
            try {
                writer.commitRollups();
            } catch (RuntimeException e) {
                throw reported(e);
            }
        }
    }

    /** Streams calls this after the offset commit; the work was done in {@link #flushCache()}. */
    @Override
    @SuppressWarnings("deprecation")
    public void flush() {
        flushCache();
    }

    @Override
    public boolean setFlushListener(CacheFlushListener<byte[], byte[]> listener, boolean sendOldValues) {
        return false; // nothing is forwarded from this store
    }

    @Override
    public void clearCache() {
        // no cache: storage is written through
    }

    @Override
    public void close() {
        if (writer != null) {
            writer.rollback();
            writer.close();
            writer = null;
            pending = 0; // rolled back: never stored, never counted
        }
    }

    @Override
    public boolean persistent() {
        return false;
    }

    @Override
    public boolean isOpen() {
        return writer != null;
    }

    static StoreBuilder<StorageSinkStore> builder(MetricStore store, IngestMeters meters, StorageWriteHealth health) {
        return new StoreBuilder<>() {
            @Override
            public StoreBuilder<StorageSinkStore> withCachingEnabled() {
                return this;
            }

            @Override
            public StoreBuilder<StorageSinkStore> withCachingDisabled() {
                return this;
            }

            @Override
            public StoreBuilder<StorageSinkStore> withLoggingEnabled(Map<String, String> config) {
                throw new UnsupportedOperationException("the storage sink keeps no changelog");
            }

            @Override
            public StoreBuilder<StorageSinkStore> withLoggingDisabled() {
                return this;
            }

            @Override
            public StorageSinkStore build() {
                return new StorageSinkStore(store, meters, health);
            }

            @Override
            public Map<String, String> logConfig() {
                return Map.of();
            }

            @Override
            public boolean loggingEnabled() {
                return false;
            }

            @Override
            public String name() {
                return NAME;
            }
        };
    }
}
