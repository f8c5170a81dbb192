package io.meterline.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.meterline.core.HistogramBuckets;
import io.meterline.core.Labels;
import io.meterline.core.MetricType;
import io.meterline.core.Step;
import io.meterline.core.storage.Bucket;
import io.meterline.core.storage.BucketMerger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * HistogramRowMerger must emit exactly what TierRows + BucketMerger emit for the same rows: with
 * the usual shared bounds, with rows whose bounds differ or are empty, and with and without sums.
 */
class HistogramRowMergerTest {

    private static final double[] BOUNDS = {0.005, 0.01, 0.1, 1, 10, Double.POSITIVE_INFINITY};

    @Test
    void mergesRawAndRollupRowsAsBucketMergerDoes() {
        Random random = new Random(20261129);
        List<String> series = new ArrayList<>();
        for (int h = 0; h < 8; h++) {
            series.add(new Labels(Map.of("host", "h" + h, "region", "r" + (h % 3))).canonical());
        }
        for (int round = 0; round < 300; round++) {
            Tier tier = Tier.values()[random.nextInt(3)];
            long width = tier == Tier.RAW ? 1_000_000L : tier.resolution.millis() * 1000;
            Step step = Step.seconds((width / 1_000_000L) * (1 + random.nextInt(5)));
            List<String> groupBy = switch (random.nextInt(3)) {
                case 0 -> null;
                case 1 -> List.of("region");
                default -> List.of();
            };
            List<Object[]> rows = rows(random, series, tier, width);
            SeriesSelection selection = random.nextBoolean() ? SeriesSelection.all()
                    : SeriesSelection.of(series.subList(0, 5), 3); // filtered in Java

            List<Bucket> expected = new ArrayList<>();
            BucketMerger reference = new BucketMerger(step, groupBy, expected::add);
            for (Object[] row : rows) {
                if (selection.keeps((String) row[1])) {
                    reference.add(TierRows.bucket(tier, MetricType.HISTOGRAM, Labels.fromCanonical((String) row[1]),
                            ColumnRows.of(row)));
                }
            }
            reference.finish();

            List<Bucket> actual = new ArrayList<>();
            new HistogramRowMerger(tier, step, selection, groupBy, actual::add).mergeAll(new ColumnRows(rows));

            assertThat(actual).as("round %d, %s, step %s, group by %s", round, tier, step.text(), groupBy)
                    .containsExactlyElementsOf(expected);
        }
    }

    /** Time-ordered rows, mostly with the shared bounds; some with fewer, other or no bounds, some without a sum. */
    private static List<Object[]> rows(Random random, List<String> series, Tier tier, long width) {
        List<Object[]> rows = new ArrayList<>();
        long t = 1_700_000_000_000_000L / width * width;
        for (int i = 0; i < 40; i++) {
            t += width * (1 + random.nextInt(3));
            for (String s : series) {
                if (random.nextInt(3) == 0) {
                    continue;
                }
                Map<Double, Long> counts = new TreeMap<>();
                int shape = random.nextInt(20);
                for (int b = 0; b < BOUNDS.length; b++) {
                    if (shape > 2 || shape == 0 && b % 2 == 0) {
                        counts.put(BOUNDS[b], (long) random.nextInt(50));
                    } else if (shape == 1) {
                        counts.put(BOUNDS[b] * 3, (long) random.nextInt(50)); // other bounds
                    } // shape 2: no buckets at all
                }
                String buckets = new HistogramBuckets(counts).encode();
                double sum = random.nextInt(4) == 0 ? Double.NaN : random.nextInt(1000) / 8.0;
                rows.add(tier == Tier.RAW ? new Object[] {t, s, buckets, sum}
                        : new Object[] {t, s, buckets, (long) random.nextInt(300), sum});
            }
        }
        return rows;
    }
}
