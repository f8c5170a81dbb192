package io.meterline.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.meterline.core.Labels;
import io.meterline.core.MetricType;
import io.meterline.core.Step;
import io.meterline.core.storage.Bucket;
import io.meterline.core.storage.BucketMerger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Seeded rounds holding a {@link RowMerger} to {@link BucketMerger} over {@link TierRows#bucket}:
 * each round picks a tier, a step that is a multiple of its resolution, a grouping (none, by
 * region, all in one) and a selection (all series, or some filtered in Java), and the merger must
 * emit exactly the reference's buckets.
 */
final class RowMergerRounds {

    /** Time-ordered rows of a tier (columns as TierRows reads them) over these series. */
    interface RowSource {
        List<Object[]> rows(Random random, List<String> series, Tier tier, long widthMicros);
    }

    /** One row of a series at a time (epoch microseconds). */
    interface RowMaker {
        Object[] row(long micros, String series);
    }

    /**
     * Rows at {@code times} times one to three widths apart, each series present at two times in
     * three: several series share each timestamp, so ties on time are common.
     */
    static List<Object[]> timeOrdered(Random random, List<String> series, long width, int times, RowMaker maker) {
        List<Object[]> rows = new ArrayList<>();
        long t = 1_700_000_000_000_000L / width * width;
        for (int i = 0; i < times; i++) {
            t += width * (1 + random.nextInt(3));
            for (String s : series) {
                if (random.nextInt(3) != 0) {
                    rows.add(maker.row(t, s));
                }
            }
        }
        return rows;
    }

    interface MergerFactory {
        RowMerger create(Tier tier, Step step, SeriesSelection selection, List<String> groupBy, Consumer<Bucket> out);
    }

    private RowMergerRounds() {
    }

    static void assertMergesAsBucketMerger(long seed, int rounds, int seriesCount, MetricType type, RowSource source,
                                           MergerFactory merger) {
        Random random = new Random(seed);
        List<String> series = new ArrayList<>();
        for (int h = 0; h < seriesCount; h++) {
            series.add(new Labels(Map.of("host", "h" + h, "region", "r" + (h % 3))).canonical());
        }
        for (int round = 0; round < rounds; round++) {
            Tier tier = Tier.values()[random.nextInt(3)];
            long width = tier == Tier.RAW ? 1_000_000L : tier.resolution.millis() * 1000;
            Step step = Step.seconds((width / 1_000_000L) * (1 + random.nextInt(5)));
            List<String> groupBy = switch (random.nextInt(3)) {
                case 0 -> null;
                case 1 -> List.of("region");
                default -> List.of();
            };
            List<Object[]> rows = source.rows(random, series, tier, width);
            SeriesSelection selection = random.nextBoolean() ? SeriesSelection.all()
                    : SeriesSelection.of(series.subList(0, seriesCount / 2 + 1), 3); // filtered in Java

            List<Bucket> expected = new ArrayList<>();
            BucketMerger reference = new BucketMerger(step, groupBy, expected::add);
            for (Object[] row : rows) {
                if (selection.keeps((String) row[1])) {
                    reference.add(TierRows.bucket(tier, type, Labels.fromCanonical((String) row[1]), ColumnRows.of(row)));
                }
            }
            reference.finish();

            List<Bucket> actual = new ArrayList<>();
            merger.create(tier, step, selection, groupBy, actual::add).mergeAll(new ColumnRows(rows));

            assertThat(actual).as("seed %d, round %d, %s, step %s, group by %s", seed, round, tier, step.text(), groupBy)
                    .containsExactlyElementsOf(expected);
        }
    }
}
