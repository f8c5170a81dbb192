package io.meterline.storage;

import io.meterline.core.MetricType;
import io.meterline.core.Step;

/** The storage tiers: raw points, and rollups per minute and per hour. */
enum Tier {
    RAW("raw", null),
    MINUTE("1m", Step.seconds(60)),
    HOUR("1h", Step.seconds(3_600));

    private final String suffix;
    /** The width of a rollup row; null for raw points. */
    final Step resolution;

    Tier(String suffix, Step resolution) {
        this.suffix = suffix;
        this.resolution = resolution;
    }

    String table(MetricType type) {
        return type.wireName() + "_" + suffix;
    }

    /** The coarsest tier whose resolution divides the step: the fewest rows that answer exactly. */
    static Tier forStep(Step step) {
        long seconds = step.width().getSeconds();
        if (seconds % 3_600 == 0) {
            return HOUR;
        }
        return seconds % 60 == 0 ? MINUTE : RAW;
    }

    /** The columns {@link TierRows} reads, after {@code ts, series}. */
    String valueColumns(MetricType type) {
        if (this == RAW) {
            return switch (type) {
                case GAUGE -> "value";
                case ENUM -> "state";
                case HISTOGRAM -> "buckets, sum";
            };
        }
        return switch (type) {
            case GAUGE -> "count, sum, min, max, last, last_ts";
            case ENUM -> "counts";
            case HISTOGRAM -> "buckets, count, sum";
        };
    }
}
