package io.meterline.storage;

import io.meterline.core.MetricType;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** EnumRowMerger must emit exactly what TierRows + BucketMerger emit for the same rows. */
class EnumRowMergerTest {

    private static final List<String> STATES = List.of("ok", "degraded", "down", "Zürich \"maintenance\"");

    @Test
    void mergesRawAndRollupRowsAsBucketMergerDoes() {
        RowMergerRounds.assertMergesAsBucketMerger(20261130, 300, 10, MetricType.ENUM,
                EnumRowMergerTest::rows, EnumRowMerger::new);
    }

    /** Time-ordered rows; a rollup row counts one to all states. */
    private static List<Object[]> rows(Random random, List<String> series, Tier tier, long width) {
        return RowMergerRounds.timeOrdered(random, series, width, 50, (t, s) -> {
            if (tier == Tier.RAW) {
                return new Object[] {t, s, STATES.get(random.nextInt(STATES.size()))};
            }
            Map<String, Long> counts = new TreeMap<>();
            for (String state : STATES) {
                if (counts.isEmpty() || random.nextBoolean()) {
                    counts.put(state, 1L + random.nextInt(60));
                }
            }
            return new Object[] {t, s, StateCounts.encode(counts)};
        });
    }
}
