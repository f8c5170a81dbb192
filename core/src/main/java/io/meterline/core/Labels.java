package io.meterline.core;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A series' label set. Kept sorted by key so that the same labels always give the same
 * {@link #canonical()} text, whatever order a producer wrote them in.
 */
public record Labels(Map<String, String> values) {

    public static final Labels EMPTY = new Labels(Map.of());

    public Labels {
        values = Collections.unmodifiableMap(new TreeMap<>(values));
    }

    public static Labels of(Map<String, String> values) {
        return new Labels(values);
    }

    public String get(String key) {
        return values.get(key);
    }

    /** The canonical text of this label set: a JSON object with sorted keys, e.g. {@code {"host":"a"}}. */
    public String canonical() {
        StringBuilder out = new StringBuilder(16 + values.size() * 24).append('{');
        boolean first = true;
        for (Map.Entry<String, String> e : values.entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            Json.appendString(out, e.getKey());
            out.append(':');
            Json.appendString(out, e.getValue());
        }
        return out.append('}').toString();
    }

    /** Parses what {@link #canonical()} wrote. */
    public static Labels fromCanonical(String canonical) {
        return new Labels(Json.readStringMap(canonical));
    }
}
