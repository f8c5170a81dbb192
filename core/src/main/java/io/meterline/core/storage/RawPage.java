package io.meterline.core.storage;

import io.meterline.core.Point;
import java.time.Instant;
import java.util.List;

/** One page of raw points; {@code nextStart} (inclusive) is null when the range is exhausted. */
public record RawPage(List<Point> points, Instant nextStart) {

    public RawPage {
        points = List.copyOf(points);
    }
}
