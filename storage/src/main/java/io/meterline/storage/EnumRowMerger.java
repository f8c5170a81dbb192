package io.meterline.storage;

import io.meterline.core.Labels;
import io.meterline.core.Step;
import io.meterline.core.storage.Bucket;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The {@link RowMerger} of enum rows: each group's open bucket counts its states in one map, where
 * a merge by {@link Bucket.EnumBucket#plus} copied the counts per row (an enum timeline of ten
 * series read 17,000 minute rows; of a thousand series, a hundred times that).
 */
final class EnumRowMerger extends RowMerger {

    private final boolean raw;
    private final List<Map<String, Long>> counts = new ArrayList<>();
    /** Whether a row fell in the group's open bucket (a rollup row may in principle count no state). */
    private boolean[] touched = new boolean[0];
    /** A raw row's state by its symbol index: no String made per row. */
    private final BySymbolIndex<String> states = new BySymbolIndex<>();

    EnumRowMerger(Tier tier, Step step, SeriesSelection selection, List<String> groupBy, Consumer<Bucket> out) {
        super(step, selection, groupBy, out);
        this.raw = tier == Tier.RAW;
    }

    /** Raw rows: ts, series, state; rollup rows: ts, series, the counts' text. */
    @Override
    void add(int group, Rows r) {
        Map<String, Long> open = counts.get(group);
        touched[group] = true;
        if (raw) {
            int key = r.symbolIndex(2);
            String state = states.get(key);
            if (state == null) {
                state = r.symbol(2);
                states.put(key, state);
            }
            open.merge(state, 1L, Long::sum);
        } else {
            StateCounts.decode(r.varchar(2)).forEach((state, n) -> open.merge(state, n, Long::sum));
        }
    }

    @Override
    Bucket take(int g, Labels labels, Instant start) {
        if (!touched[g]) {
            return null;
        }
        Bucket bucket = new Bucket.EnumBucket(labels, start, counts.get(g)); // copies the counts
        counts.get(g).clear();
        touched[g] = false;
        return bucket;
    }

    @Override
    void grow(int capacity) {
        while (counts.size() < capacity) {
            counts.add(new HashMap<>());
        }
        touched = Arrays.copyOf(touched, capacity);
    }
}
