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
        if (range.start() == null || range.end() == null || parts < 2) {
            return List.of(range);
        }
        long buckets = step.bucketCount(range.start(), range.end());
        int count = (int) Math.min(parts, buckets / Math.max(1, minBuckets));
        if (count < 2) {
            return List.of(range);
        }
        long first = step.bucketStart(range.start()).toEpochMilli();
        List<TimeRange> out = new ArrayList<>(count);
        Instant from = range.start();
        for (int i = 1; i < count; i++) {
            Instant cut = Instant.ofEpochMilli(first + buckets * i / count * step.millis());
            out.add(new TimeRange(from, cut.minusNanos(1)));
            from = cut;
        }
        out.add(new TimeRange(from, range.end()));
        return out;
    }
}
