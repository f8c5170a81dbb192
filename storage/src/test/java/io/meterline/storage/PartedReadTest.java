package io.meterline.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.meterline.core.Labels;
import io.meterline.core.MetricType;
import io.meterline.core.Point;
import io.meterline.core.Step;
import io.meterline.core.TimeRange;
import io.meterline.core.storage.Bucket;
import io.meterline.core.storage.PointWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A downsampled read cut in parts on several threads gives bit for bit the answer of one pass on
 * one thread, also where the order of additions shows in the sums (values with fractions).
 */
class PartedReadTest {

    private static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(2, ChronoUnit.DAYS);

    @Test
    void partsGiveTheOnePassAnswer(@TempDir Path root) {
        try (QuestDbMetricStore store = new QuestDbMetricStore(root, StorageSettings.DEFAULTS, 1);
             ReadThreads threads = new ReadThreads(3)) {
            Random random = new Random(17);
            List<Point> points = new ArrayList<>();
            for (int s = 0; s < 12; s++) {
                Labels labels = Labels.of(Map.of("host", "h" + s, "region", "r" + s % 3));
                for (int i = 0; i < 3_000; i++) {
                    points.add(new Point.Gauge("parted", labels, T0.plusMillis(i * 7_000L + random.nextInt(1_000)),
                            random.nextGaussian() * 1e3 + 0.1));
                }
            }
            Collections.shuffle(points, random);
            try (PointWriter writer = store.openWriter()) {
                points.forEach(writer::write);
                writer.commit();
                writer.commitRollups();
            }
            store.awaitApplied();

            TierRows onePass = new TierRows(store.queries());
            TierRows parted = new TierRows(store.queries(), threads);
            int cut = 0;
            for (Step step : List.of(Step.seconds(1), Step.seconds(7), Step.seconds(60), Step.seconds(90))) {
                for (List<String> groupBy : Arrays.<List<String>>asList(null, List.of(), List.of("region"))) {
                    for (Tier tier : List.of(Tier.RAW, Tier.MINUTE)) {
                        if (tier == Tier.MINUTE && step.width().getSeconds() % 60 != 0) {
                            continue;
                        }
                        TimeRange range = new TimeRange(step.bucketStart(T0),
                                step.bucketStart(T0.plusSeconds(21_600)).plus(step.width()).minusMillis(1));
                        List<Bucket> expected = new ArrayList<>();
                        onePass.downsample(tier, MetricType.GAUGE, "parted", range, SeriesSelection.all(), step, groupBy,
                                expected::add);
                        List<Bucket> actual = new ArrayList<>();
                        parted.downsample(tier, MetricType.GAUGE, "parted", range, SeriesSelection.all(), step, groupBy,
                                actual::add);
                        assertThat(actual).as("step %s, group by %s, %s", step, groupBy, tier).isEqualTo(expected);
                        assertThat(expected).isNotEmpty();
                        cut += BucketAlignedParts.of(range, step, 3, 100).size() > 1 ? 1 : 0;
                    }
                }
            }
            assertThat(cut).as("reads cut in parts").isEqualTo(15);
        }
    }
}
