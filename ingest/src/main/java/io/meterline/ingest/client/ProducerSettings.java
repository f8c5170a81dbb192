package io.meterline.ingest.client;

import io.meterline.core.Limits;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link MeterlineProducer} names its topics and batches. Defaults fit Meterline's defaults:
 * at most {@code maxPointsPerRecord} points per record (well under the stream's 10,000-point
 * array limit and Kafka's 1 MB record limit even for histograms), sent at the latest
 * {@code linger} after they were added.
 */
public record ProducerSettings(String pointsTopic, String registryTopic, Duration linger, int maxPointsPerRecord,
                               Duration registryTimeout, Limits limits, Clock clock) {

    public static final String DEFAULT_POINTS_TOPIC = "meterline.points";
    public static final String DEFAULT_REGISTRY_TOPIC = "meterline.metrics";

    public ProducerSettings {
        Objects.requireNonNull(pointsTopic);
        Objects.requireNonNull(registryTopic);
        Objects.requireNonNull(clock);
        Objects.requireNonNull(limits);
        if (linger.isNegative() || linger.isZero()) {
            throw new IllegalArgumentException("linger must be positive");
        }
        if (maxPointsPerRecord < 1 || maxPointsPerRecord > limits.maxPointsPerArray()) {
            throw new IllegalArgumentException("maxPointsPerRecord must be between 1 and " + limits.maxPointsPerArray());
        }
    }

    public static ProducerSettings defaults() {
        return new ProducerSettings(DEFAULT_POINTS_TOPIC, DEFAULT_REGISTRY_TOPIC, Duration.ofMillis(50), 1_000,
                Duration.ofSeconds(30), Limits.DEFAULTS, Clock.systemUTC());
    }

    public ProducerSettings withLinger(Duration value) {
        return new ProducerSettings(pointsTopic, registryTopic, value, maxPointsPerRecord, registryTimeout, limits, clock);
    }

    public ProducerSettings withMaxPointsPerRecord(int value) {
        return new ProducerSettings(pointsTopic, registryTopic, linger, value, registryTimeout, limits, clock);
    }

    public ProducerSettings withTopics(String points, String registry) {
        return new ProducerSettings(points, registry, linger, maxPointsPerRecord, registryTimeout, limits, clock);
    }

    public ProducerSettings withClock(Clock value) {
        return new ProducerSettings(pointsTopic, registryTopic, linger, maxPointsPerRecord, registryTimeout, limits, value);
    }
}
