package io.meterline.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Decoding stored bucket texts on one thread, in any order, gives what a plain split-and-parse
 * gives: the fast path for rows with the last row's bounds must never answer for a row whose
 * bounds differ (a prefix, one more or one fewer pair, another spelling, unsorted).
 */
class HistogramBucketsDecodeTest {

    private static final List<String> BOUND_TEXTS = List.of("0.0025", "0.005", "0.01", "0.1", "0.15", "1", "2.5", "10",
            "12.3456789", "100", "+Inf");

    @Test
    void decodesEveryTextAsASplitAndParseWould() {
        Random random = new Random(11);
        List<String> shapes = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String bounds = randomBounds(random);
            shapes.add(bounds);
            shapes.add(bounds + ",1000"); // one pair more
            if (bounds.contains(",")) {
                shapes.add(bounds.substring(0, bounds.lastIndexOf(','))); // one pair fewer
            }
        }
        for (int i = 0; i < 200_000; i++) {
            String text = text(random, shapes.get(random.nextInt(random.nextInt(4) == 0 ? shapes.size() : 3)));
            // only [0, length) is read, whatever follows it (digits too: they must not lengthen the last count)
            String after = switch (random.nextInt(3)) {
                case 0 -> "trailing";
                case 1 -> "12345678;9";
                default -> "";
            };
            byte[] bytes = (text + after).getBytes(StandardCharsets.UTF_8);
            int length = text.getBytes(StandardCharsets.UTF_8).length;
            Map<Double, Long> expected = reference(text);
            if (expected == null) {
                assertThatThrownBy(() -> HistogramBuckets.decode(bytes, length)).as(text)
                        .isInstanceOf(NumberFormatException.class);
            } else {
                assertThat(HistogramBuckets.decode(bytes, length).counts()).as(text).isEqualTo(expected);
            }
        }
    }

    /** Comma-free bound lists, mostly ascending; sometimes one bound twice, sometimes descending. */
    private static String randomBounds(Random random) {
        List<String> bounds = new ArrayList<>();
        for (String b : BOUND_TEXTS) {
            if (random.nextInt(3) > 0) {
                bounds.add(b);
            }
        }
        if (bounds.isEmpty()) {
            bounds.add("+Inf");
        }
        switch (random.nextInt(6)) {
            case 0 -> java.util.Collections.reverse(bounds);
            case 1 -> bounds.add(random.nextInt(bounds.size() + 1), "1.0"); // "1" twice, if it is there
            default -> {
                // ascending: rows like these are most of what is stored, and take the fast paths
            }
        }
        return String.join(",", bounds);
    }

    /** A stored text with these bounds; counts mostly plain, now and then long, empty or not a number. */
    private static String text(Random random, String bounds) {
        StringBuilder text = new StringBuilder();
        for (String bound : bounds.split(",")) {
            if (text.length() > 0) {
                text.append(';');
            }
            text.append(bound).append(':');
            switch (random.nextInt(40)) {
                case 0 -> text.append("1234567890123456789"); // 19 digits: parsed the slow way
                case 1 -> text.append("");
                case 2 -> text.append("x1");
                case 3 -> text.append(random.nextLong(10_000_000L, 1_000_000_000_000L)); // 8 to 12 digits
                case 4 -> text.append("12a4");
                case 5 -> text.append(1L << random.nextInt(60));
                default -> text.append(random.nextInt(1_000_000));
            }
        }
        return text.toString();
    }

    /** Split and parse; null when the text is not valid (a count that is not a number). */
    private static Map<Double, Long> reference(String text) {
        Map<Double, Long> counts = new TreeMap<>();
        for (String pair : text.split(";")) {
            int colon = pair.lastIndexOf(':');
            try {
                counts.put(HistogramBuckets.parseBound(pair.substring(0, colon)), Long.parseLong(pair.substring(colon + 1)));
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return counts;
    }
}
