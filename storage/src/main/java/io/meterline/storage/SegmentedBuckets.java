package io.meterline.storage;

import io.meterline.core.storage.Bucket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The buckets of a downsampled read made of consecutive segments (raw points at a range's edges,
 * rollup rows between them) as one answer: a step bucket that a segment boundary cuts gets buckets
 * from both sides, merged per series or group. Each segment emits its buckets oldest first and a
 * bucket's groups in canonical label order; so does this. Only the buckets of the latest start are
 * held, so memory stays one step's worth of groups.
 */
final class SegmentedBuckets implements Consumer<Bucket> {

    private final Consumer<Bucket> out;
    /** The buckets of the latest start seen. */
    private final List<Bucket> held = new ArrayList<>();
    /** Whether {@link #held} came from more than one segment, so that a group may be there twice. */
    private boolean heldSpansSegments;

    SegmentedBuckets(Consumer<Bucket> out) {
        this.out = out;
    }

    @Override
    public void accept(Bucket bucket) {
        if (!held.isEmpty() && !held.get(0).start().equals(bucket.start())) {
            flush();
        }
        held.add(bucket);
    }

    /** The segment read so far has ended: its last bucket may go on in the next segment. */
    void segmentEnded() {
        heldSpansSegments |= !held.isEmpty();
    }

    /** Emits what is still held: the last segment has ended. */
    void finish() {
        flush();
    }

    private void flush() {
        if (heldSpansSegments) {
            Map<String, Bucket> merged = new TreeMap<>();
            for (Bucket bucket : held) {
                merged.merge(bucket.labels().canonical(), bucket, Bucket::plus);
            }
            merged.values().forEach(out);
        } else {
            held.forEach(out);
        }
        held.clear();
        heldSpansSegments = false;
    }
}
