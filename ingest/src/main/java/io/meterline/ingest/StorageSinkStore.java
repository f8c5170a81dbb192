package io.meterline.ingest;

import io.meterline.core.Point;
import io.meterline.core.storage.MetricStore;
import io.meterline.core.storage.PointWriter;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.state.StoreBuilder;

/**
 * Storage seen by Kafka Streams as a state store, for one reason: Streams flushes every store of
 * a task before it commits the task's offsets. Committing storage in {@link #flush()} therefore
 * means an offset is committed only after the storage commit that covers it; a crash replays
 * from the last commit and the storage's dedup keys absorb the replay.
 */
final class StorageSinkStore implements StateStore {

    static final String NAME = "meterline-storage-sink";

    private final MetricStore store;
    private final Timer commitTimer;
    private PointWriter writer;
    private long pending;

    StorageSinkStore(MetricStore store, Timer commitTimer) {
        this.store = store;
        this.commitTimer = commitTimer;
    }

    void write(Point point) {
        writer.write(point);
        pending++;
    }

    /**
     * Commits storage ahead of the offsets, to make points visible sooner than the offset commit
     * interval. Always safe: storage may run ahead of the offsets (a replay is deduplicated), never
     * behind them.
     */
    void commitEarly() {
        if (pending > 0) {
            commitTimer.record(writer::commit);
            pending = 0;
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        writer = store.openWriter();
        // Nothing to restore: the changelog is off, storage itself is the durable copy.
        context.register(root, (key, value) -> { });
    }

    @Override
    @SuppressWarnings("deprecation")
    public void flush() {
        if (writer != null) {
            commitEarly();
            // rollups before the offsets: a crash from here on replays the points and recomputes them
            writer.commitRollups();
        }
    }

    @Override
    public void close() {
        if (writer != null) {
            writer.rollback();
            writer.close();
            writer = null;
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

    static StoreBuilder<StorageSinkStore> builder(MetricStore store, Timer commitTimer) {
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
                return new StorageSinkStore(store, commitTimer);
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
