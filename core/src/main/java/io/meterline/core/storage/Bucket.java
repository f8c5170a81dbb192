package io.meterline.core.storage;

import io.meterline.core.HistogramBuckets;
import io.meterline.core.Labels;
import java.time.Instant;
import java.util.Map;

/**
 * One downsampled bucket of one series or group: the aggregates from which every answer is
 * derived (a gauge's avg is sum/count, so groups and tiers combine exactly).
 */
public sealed interface Bucket permits Bucket.GaugeBucket, Bucket.EnumBucket, Bucket.HistogramBucket {

    Labels labels();

    Instant start();

    /** {@code last} is the value with the latest timestamp in the bucket ({@code lastAt}). */
    record GaugeBucket(Labels labels, Instant start, long count, double sum, double min, double max, double last,
                       Instant lastAt) implements Bucket {
        public double avg() {
            return sum / count;
        }
    }

    /** Points per state in the bucket. */
    record EnumBucket(Labels labels, Instant start, Map<String, Long> counts) implements Bucket {
        public EnumBucket {
            counts = Map.copyOf(counts);
        }
    }

    /** Merged per-bucket counts; {@code sum} null when no point carried one. */
    record HistogramBucket(Labels labels, Instant start, HistogramBuckets buckets, long count, Double sum)
            implements Bucket {
    }
}
