package io.meterline.storage;

import io.meterline.core.Counts;
import io.meterline.core.HistogramBuckets;
import io.meterline.core.HistogramSum;
import io.meterline.core.Labels;
import io.meterline.core.Step;
import io.meterline.core.storage.Bucket;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * The {@link RowMerger} of histogram rows: each row's stored text is added in place into its group's
 * {@link HistogramSum} (a histogram percentile read merges every raw row of its series, and a
 * merge by {@link HistogramBuckets#plus} copied both bucket arrays per row).
 */
final class HistogramRowMerger extends RowMerger {

    private static final byte[] NO_TEXT = new byte[0];

    private final boolean raw;
    private HistogramSum[] buckets = new HistogramSum[0];
    private long[] count = new long[0];
    private double[] sum = new double[0];
    /** Whether some row of the group's open bucket carried a sum (a bucket's sum is null otherwise). */
    private boolean[] hasSum = new boolean[0];

    HistogramRowMerger(Tier tier, Step step, SeriesSelection selection, List<String> groupBy, Consumer<Bucket> out) {
        super(step, selection, groupBy, out);
        this.raw = tier == Tier.RAW;
    }

    /** Raw rows: ts, series, buckets, sum; rollup rows: ts, series, buckets, count, sum. */
    @Override
    void add(int group, Rows r) {
        VarcharBytes text = r.varcharBytes(2);
        long total = text == null ? buckets[group].addStored(NO_TEXT, 0) : buckets[group].addStored(text.array(), text.length());
        count[group] = Counts.add(count[group], raw ? total : r.integer(3));
        double s = r.number(raw ? 3 : 4);
        if (!Double.isNaN(s)) {
            sum[group] = hasSum[group] ? sum[group] + s : s;
            hasSum[group] = true;
        }
    }

    @Override
    Bucket take(int g, Labels labels, Instant start) {
        if (buckets[g].isEmpty()) {
            return null;
        }
        Bucket bucket = new Bucket.HistogramBucket(labels, start, buckets[g].take(), count[g], hasSum[g] ? sum[g] : null);
        count[g] = 0;
        hasSum[g] = false;
        return bucket;
    }

    @Override
    void grow(int capacity) {
        int old = buckets.length;
        buckets = Arrays.copyOf(buckets, capacity);
        for (int g = old; g < capacity; g++) {
            buckets[g] = new HistogramSum();
        }
        count = Arrays.copyOf(count, capacity);
        sum = Arrays.copyOf(sum, capacity);
        hasSum = Arrays.copyOf(hasSum, capacity);
    }
}
