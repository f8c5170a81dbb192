package io.meterline.core;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/** Writes a point as the contract shows it; with {@code "metric"} for Kafka and NDJSON. */
public final class PointJson {

    private PointJson() {
    }

    public static ObjectNode toJson(Point point, boolean withMetric) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        if (withMetric) {
            node.put("metric", point.metric());
        }
        ObjectNode labels = node.putObject("labels");
        point.labels().values().forEach(labels::put);
        // Java 17: no pattern switch yet, so an instanceof chain over the sealed kinds.
        if (point instanceof Point.Gauge g) {
            node.put("value", g.value());
        } else if (point instanceof Point.EnumSample e) {
            node.put("value", e.state());
        } else if (point instanceof Point.Histogram h) {
            ObjectNode buckets = node.putObject("buckets");
            for (Map.Entry<Double, Long> b : h.buckets().counts().entrySet()) {
                buckets.put(HistogramBuckets.boundText(b.getKey()), b.getValue());
            }
            if (h.sum() != null) {
                node.put("value", h.sum());
            }
        }
        node.put("timestamp", TimeParser.format(point.timestamp()));
        return node;
    }
}
