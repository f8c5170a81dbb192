package io.meterline.storage;

import java.util.List;
import java.util.Set;

/**
 * Which series of a metric a query reads: all of them, an explicit list bound as
 * {@code series IN ($4, …)}, or (when a filter matches too many series for a placeholder list)
 * all of them filtered in Java. {@link #none()} means nothing matches: answer empty without a query.
 */
record SeriesSelection(List<String> inList, Set<String> javaFilter) {

    private static final SeriesSelection ALL = new SeriesSelection(List.of(), null);

    static SeriesSelection all() {
        return ALL;
    }

    static SeriesSelection none() {
        return new SeriesSelection(List.of(), Set.of());
    }

    static SeriesSelection of(List<String> series, int maxInList) {
        if (series.isEmpty()) {
            return none();
        }
        return series.size() <= maxInList
                ? new SeriesSelection(List.copyOf(series), null)
                : new SeriesSelection(List.of(), Set.copyOf(series));
    }

    boolean isNone() {
        return inList.isEmpty() && javaFilter != null && javaFilter.isEmpty();
    }

    boolean keeps(String series) {
        return javaFilter == null || javaFilter.contains(series);
    }
}
