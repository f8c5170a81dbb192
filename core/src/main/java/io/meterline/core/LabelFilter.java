package io.meterline.core;

import java.util.Map;
import java.util.Set;

/** Keeps series whose label {@code key} has one of the given values, for every key listed (AND of ORs). */
public record LabelFilter(Map<String, Set<String>> allowed) {

    public static final LabelFilter NONE = new LabelFilter(Map.of());

    public LabelFilter {
        allowed = Map.copyOf(allowed);
    }

    public boolean isEmpty() {
        return allowed.isEmpty();
    }

    public boolean matches(Labels labels) {
        for (Map.Entry<String, Set<String>> e : allowed.entrySet()) {
            if (!e.getValue().contains(labels.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }
}
