package io.meterline.storage;

import io.meterline.core.InvalidInputException;
import io.meterline.core.Point;
import io.meterline.core.storage.RawPage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Cuts a page of raw points (arriving oldest first) so that it never splits a timestamp: it
 * takes one point more than the limit, and if that one exists the page ends before its timestamp.
 */
final class RawPageCollector {

    private static final Comparator<Point> ORDER = Comparator.comparing(Point::timestamp)
            .thenComparing(p -> p.labels().canonical());

    private final int limit;
    private final List<Point> points = new ArrayList<>();

    RawPageCollector(int limit) {
        if (limit < 1) {
            throw new InvalidInputException("limit must be at least 1.");
        }
        this.limit = limit;
    }

    /** False once it holds limit + 1 points: stop reading. */
    boolean add(Point point) {
        points.add(point);
        return points.size() <= limit;
    }

    RawPage finish() {
        if (points.size() <= limit) {
            points.sort(ORDER);
            return new RawPage(points, null);
        }
        Instant cut = points.get(limit).timestamp();
        int end = limit;
        while (end > 0 && !points.get(end - 1).timestamp().isBefore(cut)) {
            end--;
        }
        if (end == 0) {
            throw new InvalidInputException("more than " + limit + " points share the timestamp " + cut
                    + ": add a label filter or a larger limit.");
        }
        List<Point> page = new ArrayList<>(points.subList(0, end));
        page.sort(ORDER); // within one timestamp, by series: a stable answer whatever the storage order
        return new RawPage(page, cut);
    }
}
