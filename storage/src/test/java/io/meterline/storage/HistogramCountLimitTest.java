package io.meterline.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.meterline.core.HistogramBuckets;
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
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bucket counts whose sums pass the largest long, through the real store: each count is valid
 * input, and their minute's rollup row used to be written with a wrapped, negative count that could
 * not be read back. The rollup refresh then failed at every replay, and the stream stopped
 * storing every other metric's points too.
 */
class HistogramCountLimitTest {

    private static final MetricDefinition LATENCY = new MetricDefinition("latency", MetricType.HISTOGRAM, List.of(),
            Instant.EPOCH, "", "", null, null);
    private static final MetricDefinition CPU = new MetricDefinition("cpu", MetricType.GAUGE, List.of(),
            Instant.EPOCH, "", "", null, null);

    @Test
    void sumsPastTheLargestLongStayAtItAndEveryTierReadsThem(@TempDir Path root) {
        Instant minute = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(2, ChronoUnit.HOURS);
        long half = 5_000_000_000_000_000_000L;
        HistogramBuckets big = new HistogramBuckets(Map.of(1.0, half, Double.POSITIVE_INFINITY, 0L));
        try (QuestDbMetricStore store = new QuestDbMetricStore(root, StorageSettings.DEFAULTS)) {
            try (PointWriter writer = store.openWriter()) {
                writer.write(new Point.Histogram("latency", Labels.EMPTY, minute, big, null));
                writer.write(new Point.Histogram("latency", Labels.EMPTY, minute.plusSeconds(30), big, null));
                writer.commit();
                writer.commitRollups();
                // the stream goes on storing other metrics' points after that refresh
                writer.write(new Point.Gauge("cpu", Labels.EMPTY, minute, 1));
                writer.commit();
                writer.commitRollups();
            }
            store.awaitApplied();
            QuestDbMetricReader reader = (QuestDbMetricReader) store.reader();
            TimeRange hour = new TimeRange(minute, minute.plusSeconds(3_599));
            for (Tier tier : Tier.values()) {
                List<Bucket> buckets = new ArrayList<>();
                reader.downsample(LATENCY, new DownsampleQuery(hour, LabelFilter.NONE, Step.seconds(3_600), List.of()), tier,
                        buckets::add);
                assertThat(buckets).as("tier %s", tier).hasSize(1);
                Bucket.HistogramBucket h = (Bucket.HistogramBucket) buckets.get(0);
                assertThat(h.count()).as("tier %s", tier).isEqualTo(Long.MAX_VALUE);
                assertThat(h.buckets().counts()).as("tier %s", tier)
                        .isEqualTo(Map.of(1.0, Long.MAX_VALUE, Double.POSITIVE_INFINITY, 0L));
            }
            assertThat(reader.histogramTotals(LATENCY, hour, LabelFilter.NONE).count()).isEqualTo(Long.MAX_VALUE);
            List<Bucket> cpu = new ArrayList<>();
            reader.downsample(CPU, new DownsampleQuery(hour, LabelFilter.NONE, Step.seconds(3_600), null), Tier.HOUR,
                    cpu::add);
            assertThat(cpu).hasSize(1);
        }
    }
}
