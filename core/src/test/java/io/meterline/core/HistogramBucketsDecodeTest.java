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

    private static final List<String> BOUND_TEXTS = List.of("0.005", "0.01", "0.1", "0.15", "1", "1.0", "2.5", "10",
            "100");

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
        for (int i = 0; i < 50_000; i++) {
            String text = text(random, shapes.get(random.nextInt(random.nextInt(4) == 0 ? shapes.size() : 3)));
            byte[] bytes = (text + "trailing").getBytes(StandardCharsets.UTF_8); // only [0, length) is read
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
        if (random.nextInt(6) == 0) {
            java.util.Collections.reverse(bounds);
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
