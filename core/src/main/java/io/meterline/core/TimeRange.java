package io.meterline.core;

import java.time.Instant;

/** Inclusive bounds; either may be null (open). */
public record TimeRange(Instant start, Instant end) {

    public static final TimeRange ALL = new TimeRange(null, null);

    public TimeRange {
        if (start != null && end != null && start.isAfter(end)) {
            throw new InvalidInputException("start_time must not be after end_time.");
        }
    }

    public TimeRange withStart(Instant newStart) {
        return new TimeRange(newStart, end);
    }
}
