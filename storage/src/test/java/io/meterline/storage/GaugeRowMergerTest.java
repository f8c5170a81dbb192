package io.meterline.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.meterline.core.Labels;
import io.meterline.core.Step;
import io.meterline.core.storage.Bucket;
import io.meterline.core.storage.BucketMerger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
        Random random = new Random(20261128);
        List<String> series = new ArrayList<>();
        for (int h = 0; h < 12; h++) {
            series.add(new Labels(Map.of("host", "h" + h, "region", "r" + (h % 3))).canonical());
        }
        for (int round = 0; round < 200; round++) {
            Tier tier = Tier.values()[random.nextInt(3)];
            long width = tier == Tier.RAW ? 1_000_000L : tier.resolution.millis() * 1000;
            Step step = Step.seconds((width / 1_000_000L) * (1 + random.nextInt(5)));
            List<String> groupBy = switch (random.nextInt(3)) {
                case 0 -> null;
                case 1 -> List.of("region");
                default -> List.of();
            };
            List<Row> rows = rows(random, series, tier, width);
            SeriesSelection selection = random.nextBoolean() ? SeriesSelection.all()
                    : SeriesSelection.of(series.subList(0, 7), 3); // filtered in Java

            List<Bucket> expected = new ArrayList<>();
            BucketMerger reference = new BucketMerger(step, groupBy, expected::add);
            for (Row r : rows) {
                if (selection.keeps(r.series)) {
                    reference.add(TierRows.bucket(tier, io.meterline.core.MetricType.GAUGE, Labels.fromCanonical(r.series),
                            ColumnRows.of(r.columns(tier))));
                }
            }
            reference.finish();

            List<Bucket> actual = new ArrayList<>();
            new GaugeRowMerger(tier, step, selection, groupBy, actual::add)
                    .mergeAll(new ColumnRows(rows.stream().map(r -> r.columns(tier)).toList()));

            assertThat(actual).as("round %d, %s, step %s, group by %s", round, tier, step.text(), groupBy)
                    .containsExactlyElementsOf(expected);
        }
    }

    /** Time-ordered rows; several series share timestamps, so a group's `last` often ties on time. */
    private static List<Row> rows(Random random, List<String> series, Tier tier, long width) {
        List<Row> rows = new ArrayList<>();
        long t = 1_700_000_000_000_000L / width * width;
        for (int i = 0; i < 60; i++) {
            t += width * (1 + random.nextInt(3));
            for (String s : series) {
                if (random.nextInt(3) == 0) {
                    continue;
                }
                double v = random.nextInt(21) - 10;
                if (tier == Tier.RAW) {
                    rows.add(new Row(t, s, 1, v, v, v, v, t));
                } else {
                    long n = 1 + random.nextInt(5);
                    long lastAt = t + random.nextInt(2) * (width / 2); // ties across series on purpose
                    rows.add(new Row(t, s, n, v * n, v - 3, v + 3, v, lastAt));
                }
            }
        }
        return rows;
    }
}
