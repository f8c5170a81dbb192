package io.meterline.storage;

import io.meterline.core.Labels;
import java.util.HashMap;
import java.util.Map;

/**
 * The labels of each row's series within one answer, keyed by the symbol's key: one shared
 * {@link Labels} per series (which later stages cache by identity) and, embedded, no String per row.
 */
final class SeriesLabels {

    /** Marks a series the selection filters out (compared by identity). */
    private static final Labels SKIPPED = new Labels(Map.of());

    private final SeriesSelection selection;
    private final Map<Object, Labels> bySymbol = new HashMap<>();

    SeriesLabels(SeriesSelection selection) {
        this.selection = selection;
    }

    /** The labels of the series in {@code column} of the current row; null when the selection leaves it out. */
    Labels of(Rows r, int column) {
        Object key = r.symbolKey(column);
        Labels labels = bySymbol.get(key);
        if (labels == null) {
            String series = r.symbol(column);
            labels = selection.keeps(series) ? Labels.fromCanonical(series) : SKIPPED;
            bySymbol.put(key, labels);
        }
        return labels == SKIPPED ? null : labels;
    }
}
