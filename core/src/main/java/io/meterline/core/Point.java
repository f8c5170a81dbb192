package io.meterline.core;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/** One sample of one series. Timestamps are kept to the millisecond, as the API answers them. */
public sealed interface Point permits Point.Gauge, Point.EnumSample, Point.Histogram {

    String metric();

    Labels labels();

    Instant timestamp();

    default SeriesKey seriesKey() {
        return new SeriesKey(metric(), labels());
    }

    record Gauge(String metric, Labels labels, Instant timestamp, double value) implements Point {
        public Gauge {
            Objects.requireNonNull(metric);
            Objects.requireNonNull(labels);
            timestamp = timestamp.truncatedTo(ChronoUnit.MILLIS);
        }
    }

    record EnumSample(String metric, Labels labels, Instant timestamp, String state) implements Point {
        public EnumSample {
            Objects.requireNonNull(metric);
            Objects.requireNonNull(labels);
            Objects.requireNonNull(state);
            timestamp = timestamp.truncatedTo(ChronoUnit.MILLIS);
        }
    }

    /** Per-bucket (not cumulative) counts; {@code sum} is null when the producer sent none. */
    record Histogram(String metric, Labels labels, Instant timestamp, HistogramBuckets buckets, Double sum)
            implements Point {
        public Histogram {
            Objects.requireNonNull(metric);
            Objects.requireNonNull(labels);
            Objects.requireNonNull(buckets);
            timestamp = timestamp.truncatedTo(ChronoUnit.MILLIS);
        }
    }
}
