package io.meterline.ingest.client;

import io.meterline.core.Point;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Collects points per series until they are sent: one Kafka record then carries many points of
 * one series (a JSON array), which lifts the records-per-second ceiling of a single broker. Not
 * thread-safe; {@link MeterlineProducer} guards it with its lock.
 */
final class SeriesBatcher {

    /** The points of one series that go into one record, in the order they were added. */
    record SeriesBatch(String key, List<Point> points) {
        SeriesBatch {
            points = List.copyOf(points);
        }
    }

    private final int maxPointsPerRecord;
    private final Map<String, List<Point>> bySeries = new LinkedHashMap<>();
    private int buffered;

    SeriesBatcher(int maxPointsPerRecord) {
        if (maxPointsPerRecord < 1) {
            throw new IllegalArgumentException("maxPointsPerRecord must be at least 1");
        }
        this.maxPointsPerRecord = maxPointsPerRecord;
    }

    /** Adds a point; returns its series' batch when that is now full (and no longer buffered). */
    Optional<SeriesBatch> add(Point point) {
        String key = point.seriesKey().text();
        List<Point> points = bySeries.computeIfAbsent(key, k -> new ArrayList<>());
        points.add(point);
        buffered++;
        if (points.size() < maxPointsPerRecord) {
            return Optional.empty();
        }
        bySeries.remove(key);
        buffered -= points.size();
        return Optional.of(new SeriesBatch(key, points));
    }

    /** Everything buffered, one batch per series, and the buffer emptied. */
    List<SeriesBatch> drain() {
        List<SeriesBatch> batches = new ArrayList<>(bySeries.size());
        bySeries.forEach((key, points) -> batches.add(new SeriesBatch(key, points)));
        bySeries.clear();
        buffered = 0;
        return batches;
    }

    int buffered() {
        return buffered;
    }
}
