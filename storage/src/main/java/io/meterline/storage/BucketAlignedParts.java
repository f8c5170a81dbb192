package io.meterline.storage;

import io.meterline.core.Step;
import io.meterline.core.TimeRange;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a downsampled read's time range into consecutive parts that meet at bucket starts, so that
 * the parts can be merged on different threads: no bucket has rows in two parts, so each bucket
 * is summed by one thread in the same order as in a single pass, and the parts' answers put one
 * after the other are that pass's answer, bit for bit.
 */
final class BucketAlignedParts {

    private BucketAlignedParts() {
    }

    /**
     * At most {@code parts} parts of at least {@code minBuckets} buckets each; the range itself
     * when it is open-ended or too short to cut. Bounds are inclusive, as the range's are.
     */
    static List<TimeRange> of(TimeRange range, Step step, int parts, long minBuckets) {
        return of(range, step, parts, minBuckets, 1);
    }

    /**
     * As above, the first part {@code firstWeight} (0 to 1) times as long as each later one: the
     * thread that reads the first part may have other work besides.
     */
    static List<TimeRange> of(TimeRange range, Step step, int parts, long minBuckets, double firstWeight) {
        if (range.start() == null || range.end() == null || parts < 2) {
            return List.of(range);
        }
        long buckets = step.bucketCount(range.start(), range.end());
        long min = Math.max(1, minBuckets);
        int count = (int) Math.min(parts, buckets / min);
        while (count >= 2 && buckets * firstWeight / (firstWeight + count - 1) < min) {
            count--; // the first, shortest part would be too short
        }
        if (count < 2) {
            return List.of(range);
        }
        long first = step.bucketStart(range.start()).toEpochMilli();
        double weights = firstWeight + count - 1;
        List<TimeRange> out = new ArrayList<>(count);
        Instant from = range.start();
        for (int i = 1; i < count; i++) {
            long bucket = (long) Math.floor(buckets * (firstWeight + i - 1) / weights);
            Instant cut = Instant.ofEpochMilli(first + bucket * step.millis());
            out.add(new TimeRange(from, cut.minusNanos(1)));
            from = cut;
        }
        out.add(new TimeRange(from, range.end()));
        return out;
    }
}
