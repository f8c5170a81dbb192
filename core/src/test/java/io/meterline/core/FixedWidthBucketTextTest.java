package io.meterline.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The fixed-width storage text: every histogram decodes to what was encoded, on one thread, in any
 * order, mixed with rows of the older {@code bound:count} form, whatever bytes follow the text; a
 * text that is not well formed is refused, also when its bounds are the last row's.
 */
class FixedWidthBucketTextTest {

    private static final double[] BOUNDS = {-1, 0, 0.005, 0.01, 0.25, 1, 2.5, 10, 12.3456789, 100, 1e6,
        Double.POSITIVE_INFINITY};

    @Test
    void decodesWhatWasEncoded() {
        Random random = new Random(5);
        List<TreeMap<Double, Long>> shapes = List.of(shape(random), shape(random), shape(random), shape(random));
        for (int i = 0; i < 100_000; i++) {
            TreeMap<Double, Long> counts = new TreeMap<>();
            // mostly a few shapes over and over, as one metric's rows are; now and then any subset
            TreeMap<Double, Long> shape = random.nextInt(10) == 0 ? shape(random) : shapes.get(random.nextInt(shapes.size()));
            for (Double bound : shape.keySet()) {
                counts.put(bound, count(random));
            }
            String text = new HistogramBuckets(counts).encode();
            if (random.nextInt(5) == 0) { // an older row read by the same thread in between
                HistogramBuckets old = HistogramBuckets.decode(olderForm(counts));
                assertThat(old.counts()).isEqualTo(counts);
            }
            assertThat(text).startsWith("=");
            byte[] bytes = withAfter(text, random);
            assertThat(HistogramBuckets.decode(bytes, text.length()).counts()).as(text).isEqualTo(counts);
        }
    }

    @Test
    void widthFollowsTheLargestCount() {
        assertThat(new HistogramBuckets(Map.of(1.0, 0L, Double.POSITIVE_INFINITY, 0L)).encode()).isEqualTo("=1;+Inf|0100");
        assertThat(new HistogramBuckets(Map.of(0.5, 7L, 10.0, 12_345L)).encode()).isEqualTo("=0.5;10|050000712345");
        String longest = new HistogramBuckets(Map.of(1.0, Long.MAX_VALUE, 2.0, 3L)).encode();
        assertThat(longest).isEqualTo("=1;2|19" + Long.MAX_VALUE + "0000000000000000003");
        assertThat(HistogramBuckets.decode(longest).counts()).containsExactly(Map.entry(1.0, Long.MAX_VALUE), Map.entry(2.0, 3L));
    }

    @Test
    void refusesTextsThatAreNotWellFormed() {
        for (String bad : List.of("=1;10|0203040", "=1;10|02030405x", "=1;10|0203x4", "=1;10|02-304", "=1;10|020:04", "=1;10|00", "=1;10|2003",
                "=1;10", "=1;10|", "=1;10|0", "=10;1|010203", "=1;1|010203", "=1;x|010203",
                "=1;10|20" + "9".repeat(40), "=1;10|19" + "9".repeat(38))) {
            // first as a new shape, then right after a good row with the same bounds (the fast path)
            assertThatThrownBy(() -> HistogramBuckets.decode(bad)).as(bad).isInstanceOf(NumberFormatException.class);
            String good = "=1;10|010203".replace("=1;10", bad.substring(0, bad.indexOf('|') < 0 ? bad.length() : bad.indexOf('|')));
            try {
                HistogramBuckets.decode(good);
            } catch (NumberFormatException e) {
                // bounds that are bad themselves
            }
            byte[] bytes = withAfter(bad, new Random(bad.hashCode()));
            assertThatThrownBy(() -> HistogramBuckets.decode(bytes, bad.length())).as(bad)
                    .isInstanceOf(NumberFormatException.class);
        }
    }

    private static TreeMap<Double, Long> shape(Random random) {
        TreeMap<Double, Long> shape = new TreeMap<>();
        for (double bound : BOUNDS) {
            if (random.nextInt(3) > 0) {
                shape.put(bound, 0L);
            }
        }
        if (shape.isEmpty()) {
            shape.put(Double.POSITIVE_INFINITY, 0L);
        }
        return shape;
    }

    /** Mostly small; now and then 8 to 12 digits, or near the largest long. */
    private static long count(Random random) {
        return switch (random.nextInt(20)) {
            case 0 -> random.nextLong(10_000_000L, 1_000_000_000_000L);
            case 1 -> Long.MAX_VALUE - random.nextInt(1_000);
            case 2 -> 0;
            default -> random.nextInt(5_000);
        };
    }

    /** The text in an array with room after it (as storage hands rows over), or without; bytes after it that are digits too. */
    private static byte[] withAfter(String text, Random random) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return switch (random.nextInt(3)) {
            case 0 -> bytes;
            case 1 -> {
                byte[] padded = Arrays.copyOf(bytes, bytes.length + 8);
                Arrays.fill(padded, bytes.length, padded.length, (byte) '7');
                yield padded;
            }
            default -> Arrays.copyOf(bytes, bytes.length + 16);
        };
    }

    private static String olderForm(Map<Double, Long> counts) {
        StringBuilder text = new StringBuilder();
        counts.forEach((bound, count) -> text.append(text.length() == 0 ? "" : ";")
                .append(HistogramBuckets.boundText(bound)).append(':').append(count));
        return text.toString();
    }
}
