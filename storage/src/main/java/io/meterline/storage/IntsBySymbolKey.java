package io.meterline.storage;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Ints per symbol key of one answer, as {@link BySymbolIndex} holds objects: an array read for keys
 * below 65,536, a map above them (a table's keys count every metric's series, and an array of
 * millions per query would cost more than it saves).
 */
final class IntsBySymbolKey {

    private static final int ARRAY_LIMIT = 1 << 16;

    private final int absent;
    private int[] low = new int[0];
    private final Map<Integer, Integer> high = new HashMap<>();

    /** @param absent what {@link #get} answers for a key nothing was put for */
    IntsBySymbolKey(int absent) {
        this.absent = absent;
    }

    int get(int key) {
        if (key >= 0 && key < low.length) {
            return low[key];
        }
        return inArray(key) ? absent : high.getOrDefault(key, absent);
    }

    void put(int key, int value) {
        if (!inArray(key)) { // a null symbol's key is negative
            high.put(key, value);
            return;
        }
        if (key >= low.length) {
            int old = low.length;
            low = Arrays.copyOf(low, Math.min(ARRAY_LIMIT, Math.max(key + 1, Math.max(64, old * 2))));
            Arrays.fill(low, old, low.length, absent);
        }
        low[key] = value;
    }

    /** Whether the key's value lives in {@link #low()} (once put). */
    static boolean inArray(int key) {
        return key >= 0 && key < ARRAY_LIMIT;
    }

    /**
     * The values of keys below 65,536 as a plain array, for a loop that reads it itself: shorter
     * than the highest key put so far allows, {@code absent} where nothing was put, and a new
     * array after a {@link #put}.
     */
    int[] low() {
        return low;
    }
}
