package io.meterline.core;

import java.util.Locale;
import java.util.Optional;

/** The three kinds of metric; {@link #wireName()} is how the API and Kafka spell them. */
public enum MetricType {
    GAUGE, ENUM, HISTOGRAM;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<MetricType> fromWireName(String text) {
        for (MetricType type : values()) {
            if (type.wireName().equals(text)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
