package io.meterline.core;

import java.util.List;

/**
 * The way into Meterline: definitions into the registry, points into the log. Both return only
 * once the write is durable (Kafka acks=all); both throw {@link UnavailableException} when it
 * can't be made durable in time.
 */
public interface Ingestion {

    /** Registers a new definition; {@link AlreadyExistsException} when the name is taken. */
    void define(MetricDefinition definition);

    /** Publishes validated points; returns a unique id of the first one. */
    String publish(List<Point> points);

    /**
     * Publishes validated points, each with the text it was read from where that text can go to
     * the log as it came ({@code texts} lines up with {@code points}; null where the point must be
     * written anew). Copying the text is much cheaper than writing the point again.
     */
    default String publish(List<Point> points, List<PointText> texts) {
        return publish(points);
    }

    final class AlreadyExistsException extends RuntimeException {
        public AlreadyExistsException(String name) {
            super("Metric with the same name already exists", null, false, false);
        }
    }
}
