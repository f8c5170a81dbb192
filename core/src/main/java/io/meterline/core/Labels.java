package io.meterline.core;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A series' label set. Kept sorted by key so that the same labels always give the same
 * {@link #canonical()} text, whatever order a producer wrote them in. A class rather than a record
 * only so the canonical text is computed once: queries use it as a key for every row they merge.
 */
public final class Labels {

    public static final Labels EMPTY = new Labels(Map.of());

    private final Map<String, String> values;
    private String canonical;

    public Labels(Map<String, String> values) {
        this.values = Collections.unmodifiableMap(new TreeMap<>(values));
    }

    public static Labels of(Map<String, String> values) {
        return new Labels(values);
    }

    public Map<String, String> values() {
        return values;
    }

    public String get(String key) {
        return values.get(key);
    }

    /** The canonical text of this label set: a JSON object with sorted keys, e.g. {@code {"host":"a"}}. */
    public String canonical() {
        String text = canonical;
        if (text == null) {
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
            text = out.append('}').toString();
            canonical = text;
        }
        return text;
    }

    /** Parses what {@link #canonical()} wrote. */
    public static Labels fromCanonical(String canonical) {
        Labels labels = new Labels(Json.readStringMap(canonical));
        labels.canonical = canonical;
        return labels;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Labels other && values.equals(other.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return "Labels" + values;
    }
}
