package io.meterline.storage;

import io.meterline.core.Labels;
import io.meterline.core.Step;
import io.meterline.core.storage.Bucket;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/** The {@link RowMerger} of gauge rows: count, sum, min, max and the last value per group, in arrays. */
final class GaugeRowMerger extends RowMerger {

    private final boolean raw;
    private long[] count = new long[0];
    private double[] sum = new double[0];
    private double[] min = new double[0];
    private double[] max = new double[0];
    private double[] last = new double[0];
    private long[] lastAt = new long[0];

    GaugeRowMerger(Tier tier, Step step, SeriesSelection selection, List<String> groupBy, Consumer<Bucket> out) {
        super(step, selection, groupBy, out);
        this.raw = tier == Tier.RAW;
    }

    @Override
    void add(int group, Rows r) {
        if (raw) {
            double v = r.number(2);
            add(group, 1, v, v, v, v, r.micros(0));
        } else {
            add(group, r.integer(2), r.number(3), r.number(4), r.number(5), r.number(6), r.micros(7));
        }
    }

    /**
     * Rows straight from the page frames' column memory, as {@link TierRows} reads gauges (ts,
     * series, then the tier's value columns): Q2's ten million raw rows went through four interface
     * calls each. The same additions in the same order as row by row.
     *
     * <p>{@link #addRun} adds rows until one opens a bucket or brings a series not seen before;
     * only this loop does those two. Both are rare (a thousand times in ten million rows) but go
     * deep: opening a bucket emits the last, down to writing the answer, and a new series parses
     * its labels. While they sat in the row loop, C2 inlined them first and ran out of its
     * inlining budget before the row's own reads and additions, which then stayed calls
     * (-XX:+LogCompilation of a Q2 loop: "size > DesiredMethodLimit" for add, the value read and
     * the group array), and the loop ran at about half the speed it runs alone.
     */
    @Override
    boolean mergedFrames(PageFrameRows frames) {
        while (frames.nextFrame()) {
            long rows = frames.frameRows();
            long row = 0;
            while ((row = addRun(frames, row, rows)) < rows) {
                long micros = frames.micros(0, row);
                if (inOpenBucket(micros)) {
                    groupOf(frames, frames.symbolKey(1, row)); // a new series; addRun then adds its row
                } else {
                    moveTo(micros);
                }
            }
        }
        return true;
    }

    /**
     * Adds the frame's rows from {@code row} on; returns the first of the metric's rows that falls
     * outside the open bucket or whose series has no group yet ({@code rows} when none does).
     */
    private long addRun(PageFrameRows frames, long row, long rows) {
        int[] groupByKey = groupByKey();
        for (; row < rows; row++) {
            if (!frames.isMetricRow(row)) {
                continue;
            }
            long micros = frames.micros(0, row);
            if (!inOpenBucket(micros)) {
                return row;
            }
            int key = frames.symbolKey(1, row);
            int group;
            if (key >= 0 && key < groupByKey.length && groupByKey[key] != SeriesGroups.UNKNOWN) {
                group = groupByKey[key];
            } else if (IntsBySymbolKey.inArray(key)) {
                return row;
            } else {
                group = groupOf(frames, key); // a table of more series than the array holds, or a null series
            }
            if (group == SeriesGroups.SKIPPED) {
                continue;
            }
            makeRoomFor(group);
            if (raw) {
                double v = frames.number(2, row);
                add(group, 1, v, v, v, v, micros);
            } else {
                add(group, frames.integer(2, row), frames.number(3, row), frames.number(4, row),
                        frames.number(5, row), frames.number(6, row), frames.micros(7, row));
            }
        }
        return rows;
    }

    private void add(int g, long n, double s, double lo, double hi, double lastValue, long at) {
        if (count[g] == 0) {
            count[g] = n;
            sum[g] = s;
            min[g] = lo;
            max[g] = hi;
            last[g] = lastValue;
            lastAt[g] = at;
            return;
        }
        count[g] += n;
        sum[g] += s;
        min[g] = Math.min(min[g], lo);
        max[g] = Math.max(max[g], hi);
        // as Bucket.GaugeBucket#plus: the latest value wins; on a tie the larger one
        if (at > lastAt[g] || at == lastAt[g] && lastValue > last[g]) {
            last[g] = lastValue;
            lastAt[g] = at;
        }
    }

    @Override
    Bucket take(int g, Labels labels, Instant start) {
        if (count[g] == 0) {
            return null;
        }
        Bucket bucket = new Bucket.GaugeBucket(labels, start, count[g], sum[g], min[g], max[g], last[g],
                TierRows.instant(lastAt[g]));
        count[g] = 0;
        return bucket;
    }

    @Override
    void grow(int capacity) {
        count = Arrays.copyOf(count, capacity);
        sum = Arrays.copyOf(sum, capacity);
        min = Arrays.copyOf(min, capacity);
        max = Arrays.copyOf(max, capacity);
        last = Arrays.copyOf(last, capacity);
        lastAt = Arrays.copyOf(lastAt, capacity);
    }
}
