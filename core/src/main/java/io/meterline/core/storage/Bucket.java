package io.meterline.core.storage;

import io.meterline.core.Counts;
import io.meterline.core.HistogramBuckets;
import io.meterline.core.Labels;
import io.meterline.core.Point;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * One downsampled bucket of one series or group: the aggregates every answer is derived from.
 * A raw point is a bucket of one; rollup rows are buckets; merging two buckets gives the bucket
 * of all their points, so tiers and groups combine exactly (a gauge's avg is sum/count, never an
 * average of averages).
 */
public sealed interface Bucket permits Bucket.GaugeBucket, Bucket.EnumBucket, Bucket.HistogramBucket {

    Labels labels();

    Instant start();

    /** This bucket, moved to another start and label set (re-bucketing, grouping). */
    Bucket at(Instant start, Labels labels);

    /** The bucket of the points of both; {@code other} must be of the same kind. */
    Bucket plus(Bucket other);

    static Bucket of(Point point, Instant start, Labels labels) {
        if (point instanceof Point.Gauge g) {
            return new GaugeBucket(labels, start, 1, g.value(), g.value(), g.value(), g.value(), g.timestamp());
        }
        if (point instanceof Point.EnumSample e) {
            return new EnumBucket(labels, start, Map.of(e.state(), 1L));
        }
        Point.Histogram h = (Point.Histogram) point;
        return new HistogramBucket(labels, start, h.buckets(), h.buckets().total(), h.sum());
    }

    /** {@code last} is the value with the latest timestamp in the bucket ({@code lastAt}). */
    record GaugeBucket(Labels labels, Instant start, long count, double sum, double min, double max, double last,
                       Instant lastAt) implements Bucket {

        public double avg() {
            return sum / count;
        }

        @Override
        public GaugeBucket at(Instant newStart, Labels newLabels) {
            return new GaugeBucket(newLabels, newStart, count, sum, min, max, last, lastAt);
        }

        @Override
        public GaugeBucket plus(Bucket other) {
            GaugeBucket o = (GaugeBucket) other;
            // on a tie the larger value wins, so the answer doesn't depend on the order of merging
            boolean otherIsLast = o.lastAt.isAfter(lastAt) || o.lastAt.equals(lastAt) && o.last > last;
            return new GaugeBucket(labels, start, count + o.count, sum + o.sum, Math.min(min, o.min),
                    Math.max(max, o.max), otherIsLast ? o.last : last, otherIsLast ? o.lastAt : lastAt);
        }
    }

    /** Points per state in the bucket. */
    record EnumBucket(Labels labels, Instant start, Map<String, Long> counts) implements Bucket {
        public EnumBucket {
            counts = Map.copyOf(counts);
        }

        public long count() {
            long n = 0;
            for (long c : counts.values()) {
                n += c;
            }
            return n;
        }

        @Override
        public EnumBucket at(Instant newStart, Labels newLabels) {
            return new EnumBucket(newLabels, newStart, counts);
        }

        @Override
        public EnumBucket plus(Bucket other) {
            Map<String, Long> merged = new HashMap<>(counts);
            ((EnumBucket) other).counts.forEach((state, n) -> merged.merge(state, n, Long::sum));
            return new EnumBucket(labels, start, merged);
        }
    }

    /** Merged per-bucket counts; {@code count} the observations; {@code sum} null when no point carried one. */
    record HistogramBucket(Labels labels, Instant start, HistogramBuckets buckets, long count, Double sum)
            implements Bucket {

        @Override
        public HistogramBucket at(Instant newStart, Labels newLabels) {
            return new HistogramBucket(newLabels, newStart, buckets, count, sum);
        }

        @Override
        public HistogramBucket plus(Bucket other) {
            HistogramBucket o = (HistogramBucket) other;
            Double s = sum == null ? o.sum : o.sum == null ? sum : Double.valueOf(sum + o.sum);
            return new HistogramBucket(labels, start, buckets.plus(o.buckets), Counts.add(count, o.count), s);
        }
    }
}
