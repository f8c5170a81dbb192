package io.meterline.storage;

import io.meterline.core.Labels;
import io.meterline.core.storage.BucketMerger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The answer group each series of a downsampled read falls in, for the row mergers: looked up by
 * the answer's symbol index, so a row costs an array read, not a label parse or a map lookup.
 * Groups are numbered in order of appearance; {@link #emitOrder()} gives them in canonical label
 * order, the order {@link BucketMerger} emits a bucket's groups in.
 */
final class SeriesGroups {

    static final int SKIPPED = -1;
    /** In {@link #groupByKey()}: a series not looked up yet. */
    static final int UNKNOWN = -2;
    /** Symbol keys below this are in {@link #groupByKey()}. */
    private static final int KEY_ARRAY_LIMIT = 1 << 16;

    private final SeriesSelection selection;
    private final List<String> groupBy;
    /** Group per series (by symbol index): absent until its first row, SKIPPED when filtered out. */
    private final BySymbolIndex<Integer> groupOfSeries = new BySymbolIndex<>();
    private final Map<String, Integer> ids = new HashMap<>();
    private final List<Labels> labels = new ArrayList<>();
    private int[] emitOrder = new int[0];
    private int[] groupByKey = new int[0];
    private boolean emitOrderStale;

    /** {@code groupBy} null keeps every series apart; a list keeps those label keys only. */
    SeriesGroups(SeriesSelection selection, List<String> groupBy) {
        this.selection = selection;
        this.groupBy = groupBy;
    }

    /** The group of the current row's series (in {@code column}), or {@link #SKIPPED}. */
    int groupOf(Rows r, int column) {
        int series = r.symbolIndex(column);
        Integer known = groupOfSeries.get(series);
        return known != null ? known : remember(series, firstSeen(series, r.symbol(column)));
    }

    /** As {@link #groupOf(Rows, int)} for a row read from page frame memory: {@code series} its symbol key. */
    int groupOf(PageFrameRows frames, int column, int series) {
        Integer known = groupOfSeries.get(series);
        return known != null ? known : remember(series, firstSeen(series, frames.symbolOf(column, series)));
    }

    /** The group of a series (by symbol key) looked up before, {@link #UNKNOWN} for a series not looked up yet. */
    int knownGroup(int series) {
        if (series >= 0 && series < groupByKey.length) {
            return groupByKey[series];
        }
        if (inKeyArray(series)) {
            return UNKNOWN;
        }
        Integer known = groupOfSeries.get(series);
        return known != null ? known : UNKNOWN;
    }

    private int remember(int series, int group) {
        if (inKeyArray(series)) {
            if (series >= groupByKey.length) {
                int old = groupByKey.length;
                groupByKey = Arrays.copyOf(groupByKey, Math.min(KEY_ARRAY_LIMIT, Math.max(series + 1, old * 2)));
                Arrays.fill(groupByKey, old, groupByKey.length, UNKNOWN);
            }
            groupByKey[series] = group;
        }
        return group;
    }

    /** Whether {@link #groupByKey()} holds (or will hold, once looked up) this symbol key's group. */
    static boolean inKeyArray(int key) {
        return key >= 0 && key < KEY_ARRAY_LIMIT;
    }

    /**
     * Groups by series symbol key (below 65,536), {@link #UNKNOWN} for a series that
     * {@link #groupOf(PageFrameRows, int, int)} has not looked up yet: a page-frame loop reads it
     * as a plain array, and calls groupOf only for an unknown series. A new array after each such call.
     */
    int[] groupByKey() {
        return groupByKey;
    }

    int size() {
        return labels.size();
    }

    Labels labels(int group) {
        return labels.get(group);
    }

    /** Group ids in canonical label order. */
    int[] emitOrder() {
        if (emitOrderStale) {
            Integer[] order = new Integer[labels.size()];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            Arrays.sort(order, Comparator.comparing(i -> labels.get(i).canonical()));
            emitOrder = Arrays.stream(order).mapToInt(Integer::intValue).toArray();
            emitOrderStale = false;
        }
        return emitOrder;
    }

    private int firstSeen(int seriesIndex, String series) {
        int group = SKIPPED;
        if (selection.keeps(series)) {
            Labels all = Labels.fromCanonical(series);
            Labels kept = groupBy == null ? all : BucketMerger.groupLabels(all, groupBy);
            group = ids.computeIfAbsent(kept.canonical(), c -> {
                labels.add(kept);
                emitOrderStale = true;
                return labels.size() - 1;
            });
        }
        groupOfSeries.put(seriesIndex, group);
        return group;
    }
}
