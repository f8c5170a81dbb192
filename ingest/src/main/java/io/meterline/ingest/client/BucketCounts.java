package io.meterline.ingest.client;

import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.distribution.Histogram;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import java.util.Arrays;
import java.util.concurrent.atomic.LongAdder;

/**
 * A histogram that counts per bucket and never resets: cumulative over time, not across buckets.
 * The registry publishes the difference to the last acknowledged push, so a skipped or failed push
 * loses no observation (Micrometer's own histograms decay over a time window or reset every step).
 * The last snapshot bucket is {@code +Inf}, holding everything above the highest bound.
 */
final class BucketCounts implements Histogram {

    private final double[] bounds;
    private final LongAdder[] counts;

    BucketCounts(double[] ascendingBounds) {
        this.bounds = ascendingBounds.clone();
        Arrays.sort(bounds);
        this.counts = new LongAdder[bounds.length + 1];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = new LongAdder();
        }
    }

    @Override
    public void recordLong(long value) {
        recordDouble(value);
    }

    /** Upper bounds are inclusive, as in Prometheus and Meterline: 10 ms counts in the 10 ms bucket. */
    @Override
    public void recordDouble(double value) {
        int i = Arrays.binarySearch(bounds, value);
        counts[i >= 0 ? i : -i - 1].increment();
    }

    @Override
    public HistogramSnapshot takeSnapshot(long count, double total, double max) {
        CountAtBucket[] buckets = new CountAtBucket[counts.length];
        for (int i = 0; i < bounds.length; i++) {
            buckets[i] = new CountAtBucket(bounds[i], counts[i].sum());
        }
        buckets[bounds.length] = new CountAtBucket(Double.POSITIVE_INFINITY, counts[bounds.length].sum());
        return new HistogramSnapshot(count, total, max, new ValueAtPercentile[0], buckets, null);
    }
}
