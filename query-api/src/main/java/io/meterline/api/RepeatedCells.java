package io.meterline.api;

import io.meterline.core.Labels;
import io.meterline.core.TimeParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The cells an export repeats row after row, quoted and encoded once: the label cells of a series
 * (the storage scan shares one {@link Labels} per series, so they are cached by identity), joined
 * into one run of bytes, and the timestamp, which a scan over many series repeats for every
 * series at that time. Not thread-safe; one per response.
 */
final class RepeatedCells {

    /** A bound on the cache: beyond it a label set's cells are computed per row, as before. */
    private static final int MAX_SERIES = 100_000;

    private final List<String> labelKeys;
    private final Map<Labels, byte[]> labelCells = new IdentityHashMap<>();
    private long lastMillis = Long.MIN_VALUE;
    private byte[] lastTimestamp;

    RepeatedCells(List<String> labelKeys) {
        this.labelKeys = List.copyOf(labelKeys);
    }

    /**
     * The neutralised cells of the label keys, in {@code label_keys} order, as one run of cells
     * for {@link CsvRowWriter#cells}; null when the metric has no label keys.
     */
    byte[] labels(CsvRowWriter out, Labels labels) throws IOException {
        if (labelKeys.isEmpty()) {
            return null;
        }
        byte[] cells = labelCells.get(labels);
        if (cells == null) {
            ByteArrayOutputStream joined = new ByteArrayOutputStream();
            for (int i = 0; i < labelKeys.size(); i++) {
                String value = labels.get(labelKeys.get(i));
                if (i > 0) {
                    joined.write(',');
                }
                joined.write(out.quoted(value == null ? "" : CsvCells.neutralise(value)));
            }
            cells = joined.toByteArray();
            if (labelCells.size() < MAX_SERIES) {
                labelCells.put(labels, cells);
            }
        }
        return cells;
    }

    byte[] timestamp(CsvRowWriter out, Instant t) throws IOException {
        long millis = t.toEpochMilli();
        if (millis != lastMillis || lastTimestamp == null) {
            lastTimestamp = out.quoted(TimeParser.format(t));
            lastMillis = millis;
        }
        return lastTimestamp;
    }
}
