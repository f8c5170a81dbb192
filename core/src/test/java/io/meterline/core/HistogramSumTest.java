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

    /**
     * Stored rows added by addStored (in place, when a row's bounds text is the sum's) sum as plus
     * does, over several takes of one sum: rows of the fixed-width and the older form, other
     * bounds, empty rows; each row's total is its own.
     */
    @Test
    void storedRowsSumAsPlusDoesAcrossTakes() {
        Random random = new Random(9);
        double[] bounds = {0.1, 1, 10, Double.POSITIVE_INFINITY};
        HistogramSum sum = new HistogramSum();
        for (int round = 0; round < 2_000; round++) {
            HistogramBuckets expected = null;
            for (int i = 0, n = 1 + random.nextInt(8); i < n; i++) {
                Map<Double, Long> counts = new TreeMap<>();
                int shape = random.nextInt(8);
                for (double b : bounds) {
                    if (shape > 2 || shape == 0 && random.nextBoolean() || shape == 1 && b > 0.5) {
                        counts.put(b, (long) random.nextInt(random.nextBoolean() ? 10 : 100_000));
                    }
                }
                HistogramBuckets row = new HistogramBuckets(counts);
                String text = random.nextInt(10) == 0 ? older(counts) : row.encode();
                // as storage hands rows over: in a reused array with room past the text, often digits
                byte[] bytes = java.util.Arrays.copyOf(text.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                        text.length() + random.nextInt(12));
                java.util.Arrays.fill(bytes, text.length(), bytes.length, (byte) '9');
                assertThat(sum.addStored(bytes, text.length())).as(text).isEqualTo(row.total());
                expected = expected == null ? row : expected.plus(row);
            }
            assertThat(sum.take()).as("round %d", round).isEqualTo(expected);
        }
    }

    /** A row whose total overflows a long is still added once (its total once told "other bounds" apart). */
    @Test
    void aRowWhoseTotalOverflowsIsAddedOnce() {
        long big = 4_000_000_000_000_000_000L;
        Map<Double, Long> zeros = new TreeMap<>(Map.of(1.0, 0L, 2.0, 0L, Double.POSITIVE_INFINITY, 0L));
        Map<Double, Long> bigs = new TreeMap<>(Map.of(1.0, big, 2.0, big, Double.POSITIVE_INFINITY, big));
        HistogramSum sum = new HistogramSum();
        for (Map<Double, Long> row : List.of(zeros, bigs)) {
            String text = new HistogramBuckets(row).encode();
            sum.addStored(java.util.Arrays.copyOf(text.getBytes(java.nio.charset.StandardCharsets.UTF_8), text.length() + 8),
                    text.length());
        }
        assertThat(sum.take().counts()).isEqualTo(bigs);
    }

    /** Counts past the largest long stay at it, in every sum, and the stored text of such a sum reads back. */
    @Test
    void countsSaturateAtTheLargestLong() {
        long half = 5_000_000_000_000_000_000L;
        Map<Double, Long> row = new TreeMap<>(Map.of(1.0, half, Double.POSITIVE_INFINITY, half));
        HistogramSum sum = new HistogramSum();
        for (int i = 0; i < 2; i++) {
            String text = new HistogramBuckets(row).encode();
            assertThat(sum.addStored(java.util.Arrays.copyOf(text.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    text.length() + 8), text.length())).isEqualTo(Long.MAX_VALUE);
        }
        HistogramBuckets total = sum.take();
        assertThat(total.counts()).isEqualTo(Map.of(1.0, Long.MAX_VALUE, Double.POSITIVE_INFINITY, Long.MAX_VALUE));
        assertThat(total.total()).isEqualTo(Long.MAX_VALUE);
        assertThat(HistogramBuckets.decode(total.encode())).isEqualTo(total);
        HistogramBuckets plus = new HistogramBuckets(row).plus(new HistogramBuckets(row));
        assertThat(plus).isEqualTo(total);
        assertThat(HistogramQuantiles.quantile(plus, 0.5)).isEqualTo(0.5); // never negative: the rank is within the saturated total
        // a count that wrapped round before (a rollup row of an older jar) is stored as the largest long
        HistogramBuckets wrapped = new HistogramBuckets(Map.of(1.0, -2L, Double.POSITIVE_INFINITY, 0L));
        assertThat(HistogramBuckets.decode(wrapped.encode()).counts()).isEqualTo(Map.of(1.0, Long.MAX_VALUE,
                Double.POSITIVE_INFINITY, 0L));
    }

    private static String older(Map<Double, Long> counts) {
        StringBuilder text = new StringBuilder();
        counts.forEach((b, c) -> text.append(text.length() == 0 ? "" : ";").append(HistogramBuckets.boundText(b)).append(':').append(c));
        return text.toString();
    }
}
