package io.meterline.storage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectReader;
import io.meterline.core.Json;
import java.util.Map;
import java.util.TreeMap;

/**
 * An enum rollup's counts per state, stored as one JSON text per row (not a row per state): a
 * recomputed minute then replaces the whole row, and a state that vanished leaves no stale row.
 */
final class StateCounts {

    private StateCounts() {
    }

    static String encode(Map<String, Long> counts) {
        try {
            return Json.MAPPER.writeValueAsString(new TreeMap<>(counts));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("state counts could not be written", e);
        }
    }

    /** Made once: a type reference resolved per row was ~9 % of an enum timeline's read (perf). */
    private static final ObjectReader COUNTS = Json.MAPPER.readerFor(new TypeReference<Map<String, Long>>() { });

    static Map<String, Long> decode(String text) {
        try {
            return COUNTS.readValue(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable state counts [text=" + text + ']', e);
        }
    }
}
