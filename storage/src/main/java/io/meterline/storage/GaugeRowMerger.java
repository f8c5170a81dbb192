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
     */
    @Override
    boolean mergedFrames(PageFrameRows frames) {
        while (frames.nextFrame()) {
            long rows = frames.frameRows();
            for (long row = 0; row < rows; row++) {
                if (!frames.isMetricRow(row)) {
                    continue;
                }
                int group = groupOf(frames, frames.symbolKey(1, row));
                if (group == SeriesGroups.SKIPPED) {
                    continue;
                }
                makeRoomFor(group);
                long micros = frames.micros(0, row);
                moveTo(micros);
                if (raw) {
                    double v = frames.number(2, row);
                    add(group, 1, v, v, v, v, micros);
                } else {
                    add(group, frames.integer(2, row), frames.number(3, row), frames.number(4, row),
                            frames.number(5, row), frames.number(6, row), frames.micros(7, row));
                }
            }
        }
        return true;
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
