package io.meterline.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.meterline.core.Labels;
import io.meterline.core.Point;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The punctuation's commit: at once under light load, every BUSY_COMMIT_INTERVAL_MS under heavy load. */
class StorageSinkStoreTest {

    private final InMemoryMetricStore store = new InMemoryMetricStore();
    private final IngestMeters meters = IngestMeters.on(new SimpleMeterRegistry());
    private final StorageSinkStore sink = new StorageSinkStore(store, meters, new StorageWriteHealth(Clock.systemUTC()));

    @BeforeEach
    void init() {
        sink.init(new MockProcessorContext<>().getStateStoreContext(), sink);
    }

    private void write(int points) {
        for (int i = 0; i < points; i++) {
            sink.write(new Point.Gauge("cpu", Labels.EMPTY, Instant.ofEpochMilli(i), i));
        }
    }

    @Test
    void aQuietTickCommitsAtOnce() {
        write(3);
        assertThat(meters.pointsStored().count()).as("written, not yet committed: not stored").isZero();
        sink.commitOnTick(System.currentTimeMillis());
        assertThat(store.committed).hasSize(3);
        assertThat(meters.pointsStored().count()).isEqualTo(3);
        write(2);
        sink.commitOnTick(System.currentTimeMillis());
        assertThat(store.committed).hasSize(5);
    }

    @Test
    void aBusyTickWaitsForTheLongerIntervalAndAnOffsetCommitNeverWaits() {
        write(1);
        sink.commitOnTick(System.currentTimeMillis());
        long lastCommit = System.currentTimeMillis();
        write((int) StorageSinkStore.BUSY_PENDING_POINTS);
        sink.commitOnTick(lastCommit + 20);
        assertThat(store.commits).isEqualTo(1);
        sink.commitOnTick(lastCommit + StorageSinkStore.BUSY_COMMIT_INTERVAL_MS + 50);
        assertThat(store.commits).isEqualTo(2);

        write((int) StorageSinkStore.BUSY_PENDING_POINTS);
        sink.flushCache(); // before Streams commits offsets: storage must never be behind them
        assertThat(store.committed).hasSize(1 + 2 * (int) StorageSinkStore.BUSY_PENDING_POINTS);
    }
}
