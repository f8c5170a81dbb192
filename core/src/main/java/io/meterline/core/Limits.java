package io.meterline.core;

import java.time.Duration;

/** Input limits of the contract (configurable). */
public record Limits(int maxPointsPerArray, int maxLabelValueLength, Duration maxFutureSkew) {

    public static final Limits DEFAULTS = new Limits(10_000, 1_024, Duration.ofDays(1));

    public Limits {
        if (maxPointsPerArray < 1 || maxLabelValueLength < 1 || maxFutureSkew.isNegative()) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }
}
