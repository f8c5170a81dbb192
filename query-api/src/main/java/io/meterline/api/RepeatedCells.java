package io.meterline.api;

import io.meterline.core.Labels;
import io.meterline.core.TimeParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The cells an export repeats row after row, encoded once: the label cells of a series
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

    /**
     * The timestamp cell. An ISO-8601 time holds no character a CSV cell must quote, so its text
     * is the cell: the quoting writer and its cache, where a one-series export adds a new time
     * every row, took a third of that export's time (RepeatedCellsTest holds the two equal).
     */
    byte[] timestamp(Instant t) {
        long millis = t.toEpochMilli();
        if (millis != lastMillis || lastTimestamp == null) {
            lastTimestamp = TimeParser.format(t).getBytes(StandardCharsets.US_ASCII);
            lastMillis = millis;
        }
        return lastTimestamp;
    }
}
