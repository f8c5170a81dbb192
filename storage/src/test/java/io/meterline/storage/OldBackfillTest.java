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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A backfill older than the raw retention still lives on in the rollups, and a replay of it changes nothing. */
class OldBackfillTest {

    private static final MetricDefinition CPU = new MetricDefinition("cpu", MetricType.GAUGE, List.of("host"),
            Instant.EPOCH, "", "", null, null);
    private static final Labels HOST = Labels.of(java.util.Map.of("host", "a"));

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
            // a bound inside a minute or hour: honoured where raw still holds the points, and where
            // it doesn't, the rollup row is read whole (it can't be split)
            for (Tier tier : List.of(Tier.MINUTE, Tier.HOUR)) {
                List<Bucket> afterRecent = new ArrayList<>();
                reader.downsample(cpu, new DownsampleQuery(new TimeRange(recent.plusMillis(1), recent.plusSeconds(3_599)),
                        LabelFilter.NONE, Step.seconds(3_600), null), tier, afterRecent::add);
                assertThat(afterRecent).as("tier %s", tier).isEmpty();
                List<Bucket> insideOld = new ArrayList<>();
                reader.downsample(cpu, new DownsampleQuery(new TimeRange(old.plusSeconds(10), old.plusSeconds(1_200)),
                        LabelFilter.NONE, Step.seconds(3_600), null), tier, insideOld::add);
                assertThat(insideOld).as("tier %s", tier).hasSize(1);
                assertThat(((Bucket.GaugeBucket) insideOld.get(0)).count()).as("tier %s", tier).isEqualTo(2);
                List<Bucket> withinOneMillisecond = new ArrayList<>();
                reader.downsample(cpu, new DownsampleQuery(new TimeRange(recent.plusNanos(500_000), recent.plusNanos(900_000)),
                        LabelFilter.NONE, Step.seconds(3_600), null), tier, withinOneMillisecond::add);
                assertThat(withinOneMillisecond).as("tier %s", tier).isEmpty();
            }
        }
    }

    /**
     * Older than the minute rollups' retention (90 days): QuestDB's TTL drops such a minute row at
     * once, and the hourly row used to be recomputed from the minutes only, so the point was
     * acknowledged and then answered nowhere.
     */
    @Test
    void pointsOlderThanTheMinuteRetentionReachTheHourlyRollupsOnce(@TempDir Path root) {
        Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(120, ChronoUnit.DAYS);
        Instant older = hour.minus(200, ChronoUnit.DAYS);
        try (QuestDbMetricStore store = new QuestDbMetricStore(root, StorageSettings.DEFAULTS)) {
            try (PointWriter writer = store.openWriter()) {
                writer.write(new Point.Gauge("cpu", HOST, Instant.now().minusSeconds(60), 1));
                writer.commit();
                writer.commitRollups();
                for (int replay = 0; replay < 2; replay++) {
                    writer.write(new Point.Gauge("cpu", HOST, hour.plusSeconds(5), 5));
                    writer.write(new Point.Gauge("cpu", HOST, hour.plusSeconds(1_800), 7));
                    writer.write(new Point.Gauge("cpu", HOST, older, 3));
                    writer.commit();
                    writer.commitRollups();
                }
            }
            store.awaitApplied();
            QuestDbMetricReader reader = (QuestDbMetricReader) store.reader();

            List<Bucket> buckets = hourly(reader, new TimeRange(older.minus(1, ChronoUnit.DAYS), hour.plusSeconds(7_200)));
            assertThat(buckets).extracting(Bucket::start).containsExactly(older, hour);
            assertThat(((Bucket.GaugeBucket) buckets.get(0)).sum()).isEqualTo(3);
            Bucket.GaugeBucket g = (Bucket.GaugeBucket) buckets.get(1);
            assertThat(g.count()).isEqualTo(2);
            assertThat(g.sum()).isEqualTo(12);
            assertThat(g.last()).isEqualTo(7);
            assertThat(reader.extent(CPU).start()).isEqualTo(older);
        }
    }

    /**
     * An hour whose minutes have expired keeps its own row (the points that came in time); a late
     * point of that hour is added beside it, not instead of it.
     */
    @Test
    void aLatePointIsAddedToItsHoursRowNotWrittenOverIt(@TempDir Path root) {
        Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(100, ChronoUnit.DAYS);
        try (QuestDbMetricStore store = new QuestDbMetricStore(root, StorageSettings.DEFAULTS)) {
            // written when it was 80 days old: past the raw retention, within the minute rollups'
            Clock then = Clock.fixed(hour.plus(80, ChronoUnit.DAYS), ZoneOffset.UTC);
            try (PointWriter writer = store.openWriter(then)) {
                writer.write(new Point.Gauge("cpu", HOST, hour.plusSeconds(10), 2));
                writer.commit();
                writer.commitRollups();
            }
            store.awaitApplied();
            try (PointWriter writer = store.openWriter()) { // now 100 days old: late
                for (int replay = 0; replay < 2; replay++) {
                    writer.write(new Point.Gauge("cpu", HOST, hour.plusSeconds(20), 4));
                    writer.commit();
                    writer.commitRollups();
                }
            }
            store.awaitApplied();
            QuestDbMetricReader reader = (QuestDbMetricReader) store.reader();

            List<Bucket> buckets = hourly(reader, new TimeRange(hour, hour.plusSeconds(3_599)));
            assertThat(buckets).hasSize(1);
            Bucket.GaugeBucket g = (Bucket.GaugeBucket) buckets.get(0);
            assertThat(g.start()).isEqualTo(hour);
            assertThat(g.count()).isEqualTo(2);
            assertThat(g.sum()).isEqualTo(6);
            assertThat(g.last()).isEqualTo(4);
        }
    }

    /** Where the raw retention is the longer one, a late point is also a raw point, and counted once. */
    @Test
    void aLatePointWithinALongerRawRetentionIsReadRawAndCountedOnceHourly(@TempDir Path root) {
        Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(120, ChronoUnit.DAYS);
        StorageSettings settings = new StorageSettings(Duration.ofDays(200), Duration.ofDays(90), Duration.ofDays(1_825));
        try (QuestDbMetricStore store = new QuestDbMetricStore(root, settings)) {
            try (PointWriter writer = store.openWriter()) {
                writer.write(new Point.Gauge("cpu", HOST, hour.plusSeconds(5), 5));
                writer.commit();
                writer.commitRollups();
            }
            store.awaitApplied();
            QuestDbMetricReader reader = (QuestDbMetricReader) store.reader();

            assertThat(reader.readRaw(CPU, TimeRange.ALL, LabelFilter.NONE, 10).points()).hasSize(1);
            List<Bucket> buckets = hourly(reader, new TimeRange(hour, hour.plusSeconds(3_599)));
            assertThat(buckets).hasSize(1);
            assertThat(((Bucket.GaugeBucket) buckets.get(0)).count()).isEqualTo(1);
        }
    }

    /** The shortest minute retention (a day) still keeps today's points in the minute rollups. */
    @Test
    void aOneDayMinuteRetentionKeepsRecentPointsInTheMinuteRollups(@TempDir Path root) {
        Instant recent = Instant.now().minusSeconds(120);
        StorageSettings settings = new StorageSettings(Duration.ofHours(24), Duration.ofHours(24), Duration.ofDays(1_825));
        try (QuestDbMetricStore store = new QuestDbMetricStore(root, settings)) {
            try (PointWriter writer = store.openWriter()) {
                writer.write(new Point.Gauge("cpu", HOST, recent, 5));
                writer.commit();
                writer.commitRollups();
            }
            store.awaitApplied();
            QuestDbMetricReader reader = (QuestDbMetricReader) store.reader();

            List<Bucket> minutes = new ArrayList<>();
            reader.downsample(CPU, new DownsampleQuery(new TimeRange(recent.minusSeconds(600), recent.plusSeconds(600)),
                    LabelFilter.NONE, Step.seconds(300), null), Tier.MINUTE, minutes::add);
            assertThat(minutes).hasSize(1);
            assertThat(((Bucket.GaugeBucket) minutes.get(0)).sum()).isEqualTo(5);
        }
    }

    /**
     * A distribution of data the raw retention no longer holds: the hourly rollups answer it, whole
     * hours (it was read from raw points, and came back empty).
     */
    @Test
    void aDistributionOfLastQuartersStatesComesFromTheHourlyRollups(@TempDir Path root) {
        MetricDefinition svc = new MetricDefinition("svc", MetricType.ENUM, List.of("host"), Instant.EPOCH, "", "",
                null, null);
        Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(100, ChronoUnit.DAYS);
        try (QuestDbMetricStore store = new QuestDbMetricStore(root, StorageSettings.DEFAULTS)) {
            try (PointWriter writer = store.openWriter()) {
                writer.write(new Point.EnumSample("svc", HOST, hour.plusSeconds(60), "OK"));
                writer.write(new Point.EnumSample("svc", HOST, hour.plusSeconds(120), "OK"));
                writer.write(new Point.EnumSample("svc", HOST, hour.plusSeconds(7_300), "DOWN")); // two hours on
                writer.write(new Point.EnumSample("svc", HOST, hour.minus(40, ChronoUnit.DAYS).plusSeconds(5), "OK"));
                writer.commit();
                writer.commitRollups();
            }
            store.awaitApplied();
            QuestDbMetricReader reader = (QuestDbMetricReader) store.reader();

            assertThat(reader.stateCounts(svc, new TimeRange(null, null), LabelFilter.NONE))
                    .isEqualTo(java.util.Map.of("OK", 3L, "DOWN", 1L));
            assertThat(reader.stateCounts(svc, new TimeRange(hour, hour.plusSeconds(3_599)), LabelFilter.NONE))
                    .isEqualTo(java.util.Map.of("OK", 2L));
            assertThat(reader.stateCounts(svc, new TimeRange(hour.plusSeconds(3_600), hour.plusSeconds(7_400)),
                    LabelFilter.NONE)).isEqualTo(java.util.Map.of("DOWN", 1L));
        }
    }

    /** README offers hours for the raw retention; a TTL in hours on daily partitions was refused. */
    @Test
    void aRawRetentionInHoursOpensTheStoreAndKeepsWholeDays(@TempDir Path root) {
        Instant recent = Instant.now().minusSeconds(120);
        StorageSettings settings = new StorageSettings(Duration.ofHours(36));
        try (QuestDbMetricStore store = new QuestDbMetricStore(root, settings)) {
            try (PointWriter writer = store.openWriter()) {
                writer.write(new Point.Gauge("cpu", HOST, recent, 5));
                writer.commit();
            }
            store.awaitApplied();
            assertThat(store.reader().readRaw(CPU, TimeRange.ALL, LabelFilter.NONE, 10).points()).hasSize(1);
        }
        try (QuestDbMetricStore reopened = new QuestDbMetricStore(root, new StorageSettings(Duration.ofHours(12)))) {
            assertThat(reopened.reader().readRaw(CPU, TimeRange.ALL, LabelFilter.NONE, 10).points()).hasSize(1);
        }
    }

    private static List<Bucket> hourly(QuestDbMetricReader reader, TimeRange range) {
        List<Bucket> buckets = new ArrayList<>();
        reader.downsample(CPU, new DownsampleQuery(range, LabelFilter.NONE, Step.seconds(3_600), null), buckets::add);
        return buckets;
    }
}
