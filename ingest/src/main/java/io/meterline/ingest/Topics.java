package io.meterline.ingest;

/** The names and sizes of Meterline's Kafka topics. */
public record Topics(String points, String deadLetters, String metrics, int partitions, short replication) {

    public static final String DEFAULT_POINTS = "meterline.points";

    public static Topics defaults() {
        return named(DEFAULT_POINTS, 6, (short) 1);
    }

    /** The dead-letter topic is named after the points topic ({@code <points>.dlq}). */
    public static Topics named(String points, int partitions, short replication) {
        return new Topics(points, points + ".dlq", "meterline.metrics", partitions, replication);
    }

    public Topics {
        if (partitions < 1 || replication < 1) {
            throw new IllegalArgumentException("partitions and replication must be at least 1");
        }
    }
}
