package io.meterline.storage;

import io.meterline.core.MetricType;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** GaugeRowMerger must emit exactly what TierRows + BucketMerger emit for the same rows, ties included. */
class GaugeRowMergerTest {

    /** One row as a tier's table holds it (raw: value only; rollups: the aggregates). */
    private record Row(long micros, String series, long count, double sum, double min, double max, double last,
                       long lastAtMicros) {

        /** In the column layout TierRows reads: ts, series, then the tier's value columns. */
        Object[] columns(Tier tier) {
            return tier == Tier.RAW ? new Object[] {micros, series, last}
                    : new Object[] {micros, series, count, sum, min, max, last, lastAtMicros};
        }
    }

    @Test
    void mergesRawAndRollupRowsAsBucketMergerDoes() {
        RowMergerRounds.assertMergesAsBucketMerger(20261128, 200, 12, MetricType.GAUGE,
                GaugeRowMergerTest::rows, GaugeRowMerger::new);
    }

    /** Time-ordered rows; several series share timestamps, so a group's `last` often ties on time. */
    private static List<Object[]> rows(Random random, List<String> series, Tier tier, long width) {
        return RowMergerRounds.timeOrdered(random, series, width, 60, (t, s) -> {
            double v = random.nextInt(21) - 10;
            if (tier == Tier.RAW) {
                return new Row(t, s, 1, v, v, v, v, t).columns(tier);
            }
            long n = 1 + random.nextInt(5);
            long lastAt = t + random.nextInt(2) * (width / 2); // ties across series on purpose
            return new Row(t, s, n, v * n, v - 3, v + 3, v, lastAt).columns(tier);
        });
    }
}
