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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A backfill older than the raw retention still lives on in the rollups, and a replay of it changes nothing. */
class OldBackfillTest {

    @Test
    void pointsOlderThanRawRetentionReachTheMinuteAndHourRollupsOnce(@TempDir Path root) {
        MetricDefinition cpu = new MetricDefinition("cpu", MetricType.GAUGE, List.of("host"), Instant.EPOCH, "", "",
                null, null);
        Instant recent = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(1, ChronoUnit.HOURS);
        Instant old = recent.minus(40, ChronoUnit.DAYS);
        Labels host = Labels.of(java.util.Map.of("host", "a"));
        try (QuestDbMetricStore store = new QuestDbMetricStore(root, new StorageSettings(Duration.ofDays(30)))) {
            try (PointWriter writer = store.openWriter()) {
                writer.write(new Point.Gauge("cpu", host, recent, 1));
                writer.commit();
                writer.commitRollups();
                for (int replay = 0; replay < 2; replay++) {
                    writer.write(new Point.Gauge("cpu", host, old, 5));
                    writer.write(new Point.Gauge("cpu", host, old.plusSeconds(30), 7));
                    writer.commit();
                    writer.commitRollups();
                }
            }
            store.awaitApplied();
            QuestDbMetricReader reader = (QuestDbMetricReader) store.reader();
            for (Tier tier : List.of(Tier.MINUTE, Tier.HOUR)) {
                List<Bucket> buckets = new ArrayList<>();
                reader.downsample(cpu, new DownsampleQuery(new TimeRange(old.minusSeconds(3_600), old.plusSeconds(3_600)),
                        LabelFilter.NONE, Step.seconds(3_600), null), tier, buckets::add);
                assertThat(buckets).as("tier %s", tier).hasSize(1);
                Bucket.GaugeBucket g = (Bucket.GaugeBucket) buckets.get(0);
                assertThat(g.count()).as("tier %s", tier).isEqualTo(2);
                assertThat(g.sum()).isEqualTo(12);
                assertThat(g.last()).isEqualTo(7);
            }
        }
    }
}
