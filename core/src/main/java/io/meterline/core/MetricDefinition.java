package io.meterline.core;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A metric's definition as the registry keeps it. {@code states} (enum) and {@code buckets}
 * (histogram) are null when the definition leaves them open.
 */
public record MetricDefinition(
        String name,
        MetricType type,
        List<String> labelKeys,
        Instant createdAt,
        String description,
        String unit,
        List<String> states,
        List<Double> buckets) {

    public MetricDefinition {
        Objects.requireNonNull(name);
        Objects.requireNonNull(type);
        labelKeys = List.copyOf(labelKeys);
        Objects.requireNonNull(createdAt);
        description = description == null ? "" : description;
        unit = unit == null ? "" : unit;
        states = states == null ? null : List.copyOf(states);
        buckets = buckets == null ? null : List.copyOf(buckets);
    }

    /** The old dashboard's wording: {@code ['host', 'region']}. */
    public String labelKeysText() {
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < labelKeys.size(); i++) {
            out.append(i == 0 ? "'" : ", '").append(labelKeys.get(i)).append('\'');
        }
        return out.append(']').toString();
    }
}
