package io.meterline.core;

/** A series: a metric and one label set. {@link #text()} is the Kafka record key. */
public record SeriesKey(String metric, Labels labels) {

    public String text() {
        return metric + labels.canonical();
    }
}
