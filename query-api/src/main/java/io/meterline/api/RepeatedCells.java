package io.meterline.api;

import io.meterline.core.Labels;
import io.meterline.core.TimeParser;
import java.time.Instant;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The cells an export repeats row after row, written once: the label cells of a series (the
 * storage scan shares one {@link Labels} per series, so they are cached by identity) and the
 * timestamp, which a scan over many series repeats for every series at that time. Not thread-safe;
 * one per response.
 */
final class RepeatedCells {

    /** A bound on the cache: beyond it a label set's cells are computed per row, as before. */
    private static final int MAX_SERIES = 100_000;

    private final List<String> labelKeys;
    private final Map<Labels, String[]> labelCells = new IdentityHashMap<>();
    private long lastMillis = Long.MIN_VALUE;
    private String lastTimestamp;

    RepeatedCells(List<String> labelKeys) {
        this.labelKeys = List.copyOf(labelKeys);
    }

    /** The neutralised cell of each label key, in {@code label_keys} order. */
    String[] labels(Labels labels) {
        String[] cells = labelCells.get(labels);
        if (cells == null) {
            cells = new String[labelKeys.size()];
            for (int i = 0; i < cells.length; i++) {
                String value = labels.get(labelKeys.get(i));
                cells[i] = value == null ? "" : CsvCells.neutralise(value);
            }
            if (labelCells.size() < MAX_SERIES) {
                labelCells.put(labels, cells);
            }
        }
        return cells;
    }

    String timestamp(Instant t) {
        long millis = t.toEpochMilli();
        if (millis != lastMillis || lastTimestamp == null) {
            lastTimestamp = TimeParser.format(t);
            lastMillis = millis;
        }
        return lastTimestamp;
    }
}
