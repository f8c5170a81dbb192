package io.meterline.storage;

import io.meterline.core.HistogramBuckets;
import io.meterline.core.MetricType;
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
        RowMergerRounds.assertMergesAsBucketMerger(20261129, 300, 8, MetricType.HISTOGRAM,
                HistogramRowMergerTest::rows, HistogramRowMerger::new);
    }

    /** Time-ordered rows, mostly with the shared bounds; some with fewer, other or no bounds, some without a sum. */
    private static List<Object[]> rows(Random random, List<String> series, Tier tier, long width) {
        return RowMergerRounds.timeOrdered(random, series, width, 40, (t, s) -> {
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
            return tier == Tier.RAW ? new Object[] {t, s, buckets, sum}
                    : new Object[] {t, s, buckets, (long) random.nextInt(300), sum};
        });
    }
}
