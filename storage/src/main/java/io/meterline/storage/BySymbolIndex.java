package io.meterline.storage;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Values per symbol index of one answer ({@link Rows#symbolIndex}): an array read per row for the
 * first 65,536 indexes, a map beyond them. Embedded, the index is the symbol's key in the whole
 * table, so a table of millions of series would otherwise cost an array of millions per query,
 * even a query of one series.
 */
final class BySymbolIndex<T> {

    private static final int ARRAY_LIMIT = 1 << 16;

    private Object[] low = new Object[64];
    private final Map<Integer, T> high = new HashMap<>();

    @SuppressWarnings("unchecked")
    T get(int index) {
        if (index >= 0 && index < low.length) {
            return (T) low[index];
        }
        return index >= 0 && index < ARRAY_LIMIT ? null : high.get(index);
    }

    void put(int index, T value) {
        if (index < 0 || index >= ARRAY_LIMIT) { // a null symbol's index is negative
            high.put(index, value);
            return;
        }
        if (index >= low.length) {
            low = Arrays.copyOf(low, Math.min(ARRAY_LIMIT, Math.max(index + 1, low.length * 2)));
        }
        low[index] = value;
    }
}
