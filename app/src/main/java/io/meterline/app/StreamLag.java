package io.meterline.app;

import java.util.Map;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KafkaStreams;

/**
 * How far the stream is behind the points topic: the records its consumers have yet to read, summed
 * over the topic's partitions they hold. An operator's first question when points are accepted
 * but not yet visible; Streams knows it per partition among hundreds of its own metrics.
 */
final class StreamLag {

    private final KafkaStreams streams;
    private final String pointsTopic;

    StreamLag(KafkaStreams streams, String pointsTopic) {
        this.streams = streams;
        this.pointsTopic = pointsTopic;
    }

    double records() {
        double lag = 0;
        for (Map.Entry<MetricName, ? extends Metric> e : streams.metrics().entrySet()) {
            MetricName name = e.getKey();
            if (name.name().equals("records-lag") && name.group().equals("consumer-fetch-manager-metrics")
                    && pointsTopic.equals(name.tags().get("topic")) && name.tags().containsKey("partition")
                    && e.getValue().metricValue() instanceof Double value && !value.isNaN()) {
                lag += value;
            }
        }
        return lag;
    }
}
