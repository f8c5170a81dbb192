package io.meterline.storage;

import io.meterline.core.Labels;
import io.meterline.core.Step;
import io.meterline.core.storage.Bucket;
import io.meterline.core.storage.BucketMerger;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@link BucketMerger} on primitives, for one kind of row: a downsampled read merges up to
 * millions of rows into a few thousand buckets, and a Bucket object, two map lookups and a merged
 * copy per row were most of its time. Here a row costs an array lookup for its group
 * ({@link SeriesGroups}) and an addition into that group's accumulators for the open bucket. Rows
 * must come oldest first; each bucket is emitted, groups in canonical label order, as soon as a
 * row passes its end: the same buckets, in the same order and summed in the same order, as
 * {@link BucketMerger} emits.
 */
abstract class RowMerger {

    private final long stepMicros;
    private final SeriesGroups groups;
    private final Consumer<Bucket> out;
    /** The open bucket's first microsecond and the next bucket's; an empty span while none is open. */
    private long openStart = Long.MAX_VALUE;
    private long openEnd = Long.MIN_VALUE;
    private int capacity;

    RowMerger(Step step, SeriesSelection selection, List<String> groupBy, Consumer<Bucket> out) {
        this.stepMicros = step.millis() * 1000;
        this.groups = new SeriesGroups(selection, groupBy);
        this.out = out;
    }

    /** Merges every row of {@code r} (columns as {@link TierRows} reads the tier: ts, series, values). */
    final void mergeAll(Rows r) {
        if (!(r instanceof PageFrameRows frames && mergedFrames(frames))) {
            // as GaugeRowMerger's page-frame loop: the rare, deep work (a new bucket, a new series)
            // here, outside the row loop, so that C2 spends its inlining budget on the rows
            boolean stopped = r.next() && addRun(r);
            while (stopped) {
                long micros = r.micros(0);
                if (inOpenBucket(micros)) {
                    groups.groupOf(r, 1); // a new series; addRun then adds its row
                } else {
                    moveTo(micros);
                }
                stopped = addRun(r);
            }
        }
        emitOpen();
    }

    /**
     * Adds the current row and those after it; true when it stopped at a row (still current, not
     * added) that falls outside the open bucket or whose series has no group yet, false at the end.
     */
    private boolean addRun(Rows r) {
        do {
            if (!inOpenBucket(r.micros(0))) {
                return true;
            }
            int group = groups.knownGroup(r.symbolIndex(1));
            if (group == SeriesGroups.UNKNOWN) {
                return true;
            }
            if (group != SeriesGroups.SKIPPED) {
                makeRoomFor(group);
                add(group, r);
            }
        } while (r.next());
        return false;
    }

    /**
     * Merges all of {@code frames}' rows straight from their column memory when this merger can;
     * false, having read nothing, when it can't (the rows are then read one by one).
     */
    boolean mergedFrames(PageFrameRows frames) {
        return false;
    }

    /** The series' group in the answer, or {@link SeriesGroups#SKIPPED}; a series read from page frames. */
    final int groupOf(PageFrameRows frames, int series) {
        return groups.groupOf(frames, 1, series);
    }

    /** See {@link SeriesGroups#groupByKey()}: refresh after each {@link #groupOf(PageFrameRows, int)}. */
    final int[] groupByKey() {
        return groups.groupByKey();
    }

    /** Whether a row's time falls in the open bucket (none is open at first). */
    final boolean inOpenBucket(long micros) {
        return micros >= openStart && micros < openEnd;
    }

    /** Makes room for a group's accumulators. */
    final void makeRoomFor(int group) {
        if (group == capacity) {
            capacity = Math.max(4, capacity * 2);
            grow(capacity);
        }
    }

    /** Opens the bucket a row's time falls in, when it is not the open one (which is emitted first). */
    final void moveTo(long micros) {
        // rows come oldest first, so most fall in the open bucket: two comparisons, not a division
        if (micros < openStart || micros >= openEnd) {
            emitOpen();
            openStart = Math.floorDiv(micros, stepMicros) * stepMicros;
            openEnd = openStart + stepMicros;
        }
    }

    /** Makes room for groups numbered below {@code capacity}. */
    abstract void grow(int capacity);

    /** Adds the current row into the group's open bucket. */
    abstract void add(int group, Rows r);

    /** The group's open bucket, which then starts empty again; null when no row fell in it. */
    abstract Bucket take(int group, Labels labels, Instant start);

    private void emitOpen() {
        if (openStart > openEnd) { // none open
            return;
        }
        Instant start = TierRows.instant(openStart);
        for (int g : groups.emitOrder()) {
            Bucket bucket = take(g, groups.labels(g), start);
            if (bucket != null) {
                out.accept(bucket);
            }
        }
        openStart = Long.MAX_VALUE;
        openEnd = Long.MIN_VALUE;
    }
}
