package io.meterline.storage;

import io.meterline.core.Labels;
import java.util.Map;

/**
 * The labels of each row's series within one answer, by the symbol's index in the answer: one
 * shared {@link Labels} per series (which later stages cache by identity) and, per row, an array
 * read ({@link BySymbolIndex}): no String, no boxed key.
 */
final class SeriesLabels {

    /** Marks a series the selection filters out (compared by identity). */
    private static final Labels SKIPPED = new Labels(Map.of());

    private final SeriesSelection selection;
    private final BySymbolIndex<Labels> bySymbolIndex = new BySymbolIndex<>();

    SeriesLabels(SeriesSelection selection) {
        this.selection = selection;
    }

    /** The labels of the series in {@code column} of the current row; null when the selection leaves it out. */
    Labels of(Rows r, int column) {
        int index = r.symbolIndex(column);
        Labels labels = bySymbolIndex.get(index);
        if (labels == null) {
            String series = r.symbol(column);
            labels = selection.keeps(series) ? Labels.fromCanonical(series) : SKIPPED;
            bySymbolIndex.put(index, labels);
        }
        return labels == SKIPPED ? null : labels;
    }
}
