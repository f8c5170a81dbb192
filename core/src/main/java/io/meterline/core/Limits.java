package io.meterline.core;

import java.time.Duration;

/**
 * Input limits of the contract (configurable). {@code maxAge} is the longest retention of any
 * tier: an older point would be kept nowhere, so it is refused.
 */
public record Limits(int maxPointsPerArray, int maxLabelValueLength, Duration maxFutureSkew, Duration maxAge) {

    public static final Limits DEFAULTS = new Limits(10_000, 1_024, Duration.ofDays(1), Duration.ofDays(5 * 365));

    public Limits {
        if (maxPointsPerArray < 1 || maxLabelValueLength < 1 || maxFutureSkew.isNegative() || maxAge.isNegative()
                || maxAge.isZero()) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }

    public Limits withMaxAge(Duration age) {
        return new Limits(maxPointsPerArray, maxLabelValueLength, maxFutureSkew, age);
    }
}
