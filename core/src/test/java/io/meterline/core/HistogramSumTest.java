package io.meterline.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** A HistogramSum of rows is what adding them with plus gives, whatever bounds the rows have. */
class HistogramSumTest {

    @Test
    void sumsAsPlusDoesWithSharedOtherAndEmptyBounds() {
        Random random = new Random(7);
        double[] bounds = {0.1, 1, 10, Double.POSITIVE_INFINITY};
        for (int round = 0; round < 500; round++) {
            List<HistogramBuckets> rows = new ArrayList<>();
            for (int i = 0, n = 1 + random.nextInt(8); i < n; i++) {
                Map<Double, Long> counts = new TreeMap<>();
                int shape = random.nextInt(6);
                for (double b : bounds) {
                    if (shape > 1 || shape == 0 && random.nextBoolean()) {
                        counts.put(b, (long) random.nextInt(100));
                    }
                }
                // decoded from text, as storage reads them: equal bounds share one array
                rows.add(HistogramBuckets.decode(new HistogramBuckets(counts).encode()));
            }
            Map<Double, Long> firstBefore = new TreeMap<>(rows.get(0).counts());
            HistogramSum sum = new HistogramSum();
            HistogramBuckets expected = rows.get(0);
            sum.add(rows.get(0));
            for (HistogramBuckets row : rows.subList(1, rows.size())) {
                expected = expected.plus(row);
                sum.add(row);
            }
            assertThat(sum.take()).as("round %d: %s", round, rows).isEqualTo(expected);
            assertThat(rows.get(0).counts()).as("the rows added are not changed").isEqualTo(firstBefore);
            assertThat(sum.isEmpty()).isTrue();
        }
    }
}
