package io.meterline.storage;

import io.meterline.core.Labels;
import io.meterline.core.Step;
import io.meterline.core.storage.Bucket;
import io.meterline.core.storage.BucketMerger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@link BucketMerger} for gauge rows, on primitives: a downsampled gauge read merges millions of
 * rows (every raw point of a thousand series) into a few thousand buckets, and a Bucket object,
 * two map lookups and a merged copy per row cost nine tenths of that read. Here a row costs an
 * array lookup for its group and a few additions into the group's accumulators for the open
 * bucket. Rows must come oldest first; each bucket is emitted, groups in canonical label order,
 * as soon as a row passes its end: the same buckets, in the same order and summed in the same
 * order, as {@link BucketMerger} emits.
 */
final class GaugeRowMerger {

    private static final int UNKNOWN = -2;
    private static final int SKIPPED = -1;

    private final Tier tier;
    private final long stepMicros;
    private final List<String> groupBy;
    private final Consumer<Bucket> out;

    /** Group per series (by the answer's symbol index): UNKNOWN until its first row, SKIPPED when filtered out. */
    private int[] groupOfSeries = new int[0];
    private final Map<String, Integer> groupIds = new HashMap<>();
    private final List<Labels> groupLabels = new ArrayList<>();
    /** Group ids in canonical label order; rebuilt before an emit after groups appeared. */
    private int[] emitOrder = new int[0];
    private boolean emitOrderStale;

    private long openBucket = Long.MIN_VALUE;
    private long[] count = new long[0];
    private double[] sum = new double[0];
    private double[] min = new double[0];
    private double[] max = new double[0];
    private double[] last = new double[0];
    private long[] lastAt = new long[0];

    GaugeRowMerger(Tier tier, Step step, List<String> groupBy, Consumer<Bucket> out) {
        this.tier = tier;
        this.stepMicros = step.millis() * 1000;
        this.groupBy = groupBy;
        this.out = out;
    }

    /** Merges every row of {@code r} (columns as {@link TierRows} reads the tier: ts, series, values). */
    void mergeAll(Rows r, SeriesSelection selection) {
        boolean raw = tier == Tier.RAW;
        while (r.next()) {
            int series = r.symbolIndex(1);
            int group = series < groupOfSeries.length ? groupOfSeries[series] : UNKNOWN;
            if (group == UNKNOWN) {
                group = groupOf(series, r.symbol(1), selection);
            }
            if (group == SKIPPED) {
                continue;
            }
            long ts = r.micros(0);
            long bucket = Math.floorDiv(ts, stepMicros);
            if (bucket != openBucket) {
                emitOpen();
                openBucket = bucket;
            }
            if (raw) {
                double v = r.number(2);
                add(group, 1, v, v, v, v, ts);
            } else {
                add(group, r.integer(2), r.number(3), r.number(4), r.number(5), r.number(6), r.micros(7));
            }
        }
        emitOpen();
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

    private void emitOpen() {
        if (openBucket == Long.MIN_VALUE) {
            return;
        }
        if (emitOrderStale) {
            emitOrder = canonicalOrder();
            emitOrderStale = false;
        }
        Instant start = TierRows.instant(openBucket * stepMicros);
        for (int g : emitOrder) {
            if (count[g] > 0) {
                out.accept(new Bucket.GaugeBucket(groupLabels.get(g), start, count[g], sum[g], min[g], max[g], last[g],
                        TierRows.instant(lastAt[g])));
                count[g] = 0;
            }
        }
        openBucket = Long.MIN_VALUE;
    }

    private int groupOf(int seriesIndex, String series, SeriesSelection selection) {
        int group = SKIPPED;
        if (selection.keeps(series)) {
            Labels labels = Labels.fromCanonical(series);
            Labels kept = groupBy == null ? labels : BucketMerger.groupLabels(labels, groupBy);
            group = groupIds.computeIfAbsent(kept.canonical(), c -> newGroup(kept));
        }
        if (seriesIndex >= groupOfSeries.length) {
            int old = groupOfSeries.length;
            groupOfSeries = Arrays.copyOf(groupOfSeries, Math.max(seriesIndex + 1, old * 2));
            Arrays.fill(groupOfSeries, old, groupOfSeries.length, UNKNOWN);
        }
        groupOfSeries[seriesIndex] = group;
        return group;
    }

    private int newGroup(Labels labels) {
        int id = groupLabels.size();
        groupLabels.add(labels);
        if (id == count.length) {
            int capacity = Math.max(4, id * 2);
            count = Arrays.copyOf(count, capacity);
            sum = Arrays.copyOf(sum, capacity);
            min = Arrays.copyOf(min, capacity);
            max = Arrays.copyOf(max, capacity);
            last = Arrays.copyOf(last, capacity);
            lastAt = Arrays.copyOf(lastAt, capacity);
        }
        emitOrderStale = true;
        return id;
    }

    private int[] canonicalOrder() {
        Integer[] order = new Integer[groupLabels.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparing(i -> groupLabels.get(i).canonical()));
        return Arrays.stream(order).mapToInt(Integer::intValue).toArray();
    }
}
