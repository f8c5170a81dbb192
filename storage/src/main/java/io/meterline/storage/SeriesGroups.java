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
    /** A series not looked up yet. */
    static final int UNKNOWN = -2;

    private final SeriesSelection selection;
    private final List<String> groupBy;
    /** Group per series by symbol key: UNKNOWN until the series' first row, SKIPPED when filtered out. */
    private final IntsBySymbolKey groupOfSeries = new IntsBySymbolKey(UNKNOWN);
    private final Map<String, Integer> ids = new HashMap<>();
    private final List<Labels> labels = new ArrayList<>();
    private int[] emitOrder = new int[0];
    private boolean emitOrderStale;

    /** {@code groupBy} null keeps every series apart; a list keeps those label keys only. */
    SeriesGroups(SeriesSelection selection, List<String> groupBy) {
        this.selection = selection;
        this.groupBy = groupBy;
    }

    /** The group of the current row's series (in {@code column}), or {@link #SKIPPED}. */
    int groupOf(Rows r, int column) {
        int series = r.symbolIndex(column);
        int known = knownGroup(series);
        return known != UNKNOWN ? known : remember(series, firstSeen(r.symbol(column)));
    }

    /** As {@link #groupOf(Rows, int)} for a row read from page frame memory: {@code series} its symbol key. */
    int groupOf(PageFrameRows frames, int column, int series) {
        int known = knownGroup(series);
        return known != UNKNOWN ? known : remember(series, firstSeen(frames.symbolOf(column, series)));
    }

    /** The group of a series (by symbol key) looked up before, {@link #UNKNOWN} for a series not looked up yet. */
    int knownGroup(int series) {
        return groupOfSeries.get(series);
    }

    private int remember(int series, int group) {
        groupOfSeries.put(series, group);
        return group;
    }

    /**
     * Groups by series symbol key (below 65,536), {@link #UNKNOWN} for a series that
     * {@link #groupOf(PageFrameRows, int, int)} has not looked up yet: a page-frame loop reads it
     * as a plain array, and calls groupOf only for an unknown series. A new array after each such call.
     */
    int[] groupByKey() {
        return groupOfSeries.low();
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

    private int firstSeen(String series) {
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
        return group;
    }
}
