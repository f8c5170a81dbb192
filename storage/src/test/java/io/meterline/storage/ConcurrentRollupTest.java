package io.meterline.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.meterline.core.LabelFilter;
import io.meterline.core.Labels;
import io.meterline.core.MetricDefinition;
import io.meterline.core.MetricType;
import io.meterline.core.Point;
import io.meterline.core.Step;
import io.meterline.core.TimeRange;
import io.meterline.core.storage.Bucket;
import io.meterline.core.storage.DownsampleQuery;
import io.meterline.core.storage.PointWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two writers (two stream tasks: a producer that keys records by anything but the series sends one
 * series to two partitions) write points of the same minute and refresh their rollups at the
 * same moment. Each recompute reads the raw rows it can see; the one committed last must have
 * seen them all, or the rollup keeps a stale count. The store serialises rollup refreshes for
 * that reason; the bad interleaving is rare (not seen in 600 rounds without the lock), so this
 * test guards concurrent writers in general rather than proving that lock.
 */
class ConcurrentRollupTest {

    private static final MetricDefinition CPU = new MetricDefinition("cpu", MetricType.GAUGE, List.of("host"),
            Instant.EPOCH, "", "", null, null);
    private static final Labels HOST = Labels.of(Map.of("host", "a"));
    private static final int ROUNDS = 200;

    @Test
    void writersRefreshingOneMinuteAtOnceLeaveTheRollupEqualToTheRawPoints(@TempDir Path root) throws Exception {
        Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(12, ChronoUnit.HOURS);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (QuestDbMetricStore store = new QuestDbMetricStore(root, new StorageSettings(Duration.ofDays(30)))) {
            CyclicBarrier together = new CyclicBarrier(2);
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < 2; w++) {
                int writerNo = w;
                done.add(pool.submit(() -> {
                    try (PointWriter writer = store.openWriter()) {
                        for (int round = 0; round < ROUNDS; round++) {
                            together.await();
                            // a minute per round, so each round's race decides one rollup row
                            writer.write(new Point.Gauge("cpu", HOST,
                                    hour.plusSeconds(60L * round).plusMillis(writerNo), 1));
                            writer.commit();
                            writer.commitRollups();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            store.awaitApplied();
            QuestDbMetricReader reader = (QuestDbMetricReader) store.reader();
            TimeRange range = new TimeRange(hour, hour.plusSeconds(60L * ROUNDS - 1));
            List<Bucket> minutes = new ArrayList<>();
            reader.downsample(CPU, new DownsampleQuery(range, LabelFilter.NONE, Step.seconds(60), null), Tier.MINUTE,
                    minutes::add);
            assertThat(minutes).hasSize(ROUNDS);
            assertThat(minutes).allSatisfy(b -> assertThat(((Bucket.GaugeBucket) b).count())
                    .as("minute %s", b.start()).isEqualTo(2));
            List<Bucket> hours = new ArrayList<>();
            reader.downsample(CPU, new DownsampleQuery(range, LabelFilter.NONE, Step.seconds(3_600), null), Tier.HOUR,
                    hours::add);
            assertThat(hours.stream().mapToLong(b -> ((Bucket.GaugeBucket) b).count()).sum()).isEqualTo(2L * ROUNDS);
        } finally {
            pool.shutdownNow();
        }
    }
}
