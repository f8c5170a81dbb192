package io.meterline.core;

import java.util.Arrays;

/**
 * A running sum of histogram buckets, added in place: a downsampled histogram read adds tens of
 * thousands of rows, and {@link HistogramBuckets#plus} would copy both arrays for each. Rows
 * decoded with the same bounds share one bounds array ({@link HistogramBuckets#decode(byte[], int)}),
 * so they add position by position; rows with other bounds take the union, as {@code plus} does,
 * and the result is the same buckets {@code plus} would give. Not thread-safe.
 */
public final class HistogramSum {

    private double[] bounds;
    private long[] counts;
    private int size;
    private boolean empty = true;
    /**
     * The stored text of {@link #bounds} when they are a fixed-width row's ({@link FixedWidthBucketText}),
     * else null: stored rows with this text add their counts in place, decoding nothing.
     */
    private byte[] boundsText;

    /**
     * Adds a stored row, the text {@link HistogramBuckets#encode()} wrote in {@code [0, length)},
     * and returns its total count.
     */
    public long addStored(byte[] text, int length) {
        if (boundsText != null && FixedWidthBucketText.hasBounds(text, length, boundsText)) {
            if (empty) {
                counts = new long[size];
                empty = false;
            }
            return FixedWidthBucketText.addCounts(text, length, boundsText.length, counts, size);
        }
        HistogramBuckets row = HistogramBuckets.decode(text, length);
        add(row);
        if (boundsText == null) {
            boundsText = FixedWidthBucketText.boundsTextOf(bounds);
        }
        return row.total();
    }

    public void add(HistogramBuckets buckets) {
        BucketCounts row = (BucketCounts) buckets.counts();
        if (empty) {
            if (row.bounds != bounds) {
                boundsText = null; // it was the text of other bounds
            }
            bounds = row.bounds;
            counts = Arrays.copyOf(row.counts, row.size);
            size = row.size;
            empty = false;
        } else if (row.bounds == bounds && row.size == size) {
            for (int i = 0; i < size; i++) {
                counts[i] = Counts.add(counts[i], row.counts[i]);
            }
        } else {
            BucketCounts union = new BucketCounts(bounds, counts, size).plus(row);
            boundsText = null;
            bounds = union.bounds;
            counts = union.counts;
            size = union.size;
            if (size == row.size && Arrays.equals(bounds, 0, size, row.bounds, 0, size)) {
                bounds = row.bounds; // the same bounds after all (an empty first row): back to adding in place
            }
        }
    }

    public boolean isEmpty() {
        return empty;
    }

    /**
     * The sum so far, and a fresh start: the counts array moves into the answer. The bounds stay
     * known: the next bucket's rows most likely have them too.
     */
    public HistogramBuckets take() {
        HistogramBuckets sum = empty ? new HistogramBuckets(BucketCounts.EMPTY)
                : new HistogramBuckets(new BucketCounts(bounds, counts, size));
        counts = null;
        empty = true;
        return sum;
    }
}
