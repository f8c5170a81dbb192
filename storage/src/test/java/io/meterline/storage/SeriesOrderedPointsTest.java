package io.meterline.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.meterline.core.Labels;
import io.meterline.core.Point;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SeriesOrderedPointsTest {

    private record Row(long micros, int key, Point point) {
    }

    /**
     * Seeded rounds: series appear over time, timestamps hold random subsets in random or repeated
     * orders, and the reader may stop anywhere. What comes out is the rows sorted by time, then
     * canonical labels, up to where the reader stopped.
     */
    @Test
    void passesEachTimestampsPointsOnInSeriesOrder() {
        for (int seed = 0; seed < 300; seed++) {
            Random random = new Random(seed);
            int seriesCount = 1 + random.nextInt(40);
            List<Integer> keys = new ArrayList<>();
            for (int i = 0; i < seriesCount; i++) {
                // symbol keys are sparse for one metric; a table of many series has keys past the array
                keys.add(random.nextInt(4) == 0 ? 70_000 + random.nextInt(500) : random.nextInt(500));
            }
            List<Integer> repeated = new ArrayList<>(keys);
            Collections.shuffle(repeated, random);
            List<Row> rows = new ArrayList<>();
            for (int t = 0; t < 30; t++) {
                List<Integer> these = new ArrayList<>(random.nextBoolean() ? repeated : keys);
                if (random.nextInt(3) == 0) {
                    Collections.shuffle(these, random);
                }
                int visible = Math.min(these.size(), 1 + t * seriesCount / 10); // new series keep arriving
                for (int key : new java.util.LinkedHashSet<>(these.subList(0, visible))) {
                    long micros = 1_000_000L * t;
                    Labels labels = Labels.of(Map.of("host", "h" + key));
                    rows.add(new Row(micros, key, new Point.Gauge("m", labels, Instant.ofEpochSecond(t), key)));
                }
            }
            List<Point> expected = rows.stream().map(Row::point)
                    .sorted(Comparator.comparing(Point::timestamp).thenComparing(p -> p.labels().canonical())).toList();
            int wanted = random.nextInt(4) == 0 ? random.nextInt(rows.size() + 1) + 1 : Integer.MAX_VALUE;

            List<Point> out = new ArrayList<>();
            SeriesOrderedPoints ordered = new SeriesOrderedPoints(p -> {
                out.add(p);
                return out.size() < wanted;
            });
            boolean more = true;
            for (Row r : rows) {
                if (!ordered.add(r.micros(), r.key(), r.point())) {
                    more = false;
                    break;
                }
            }
            if (more) {
                ordered.flush();
            }
            assertThat(out).as("seed %d", seed).containsExactlyElementsOf(expected.subList(0, Math.min(wanted, expected.size())));
        }
    }
}
