package io.meterline.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.meterline.core.InvalidInputException;
import io.meterline.core.Json;
import io.meterline.core.JsonErrors;
import io.meterline.core.MetricDefinition;
import io.meterline.core.MetricRegistry;
import io.meterline.core.Point;
import io.meterline.core.PointParser;
import io.meterline.core.PointReader;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes the value of a record on the points topic: one JSON point or an array of them, each
 * with a {@code "metric"}. All or nothing: a record with one bad point is refused whole, with the
 * reason that goes into the dead-letter header.
 */
final class PointRecordDecoder {

    private final MetricRegistry registry;
    private final PointParser parser;

    PointRecordDecoder(MetricRegistry registry, PointParser parser) {
        this.registry = registry;
        this.parser = parser;
    }

    List<Point> decode(byte[] value, Instant recordTime) {
        if (value == null || value.length == 0) {
            throw new InvalidInputException("the record has no value.");
        }
        List<Point> read = PointReader.named(parser, name -> registry.findFresh(name, recordTime).orElse(null), recordTime)
                .readPoints(value, 0, value.length);
        if (read != null) {
            return read;
        }
        return decodeTree(value, recordTime);
    }

    /** A record the reader left to the tree: odd but valid, or refused here with the reason. */
    private List<Point> decodeTree(byte[] value, Instant recordTime) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(value);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException("the record value is not valid JSON: " + JsonErrors.reason(e));
        } catch (IOException e) {
            throw new InvalidInputException("the record value could not be read: " + e.getMessage());
        }
        if (root == null || !(root.isObject() || root.isArray())) {
            throw new InvalidInputException("the record value must be a JSON point or an array of points.");
        }
        if (root.isObject()) {
            return List.of(decodeOne(root, recordTime));
        }
        if (root.isEmpty()) {
            throw new InvalidInputException("the record holds an empty array.");
        }
        if (root.size() > parser.limits().maxPointsPerArray()) {
            throw new InvalidInputException("the record holds " + root.size() + " points; at most "
                    + parser.limits().maxPointsPerArray() + " are allowed in one array.");
        }
        List<Point> points = new ArrayList<>(root.size());
        for (int i = 0; i < root.size(); i++) {
            try {
                points.add(decodeOne(root.get(i), recordTime));
            } catch (InvalidInputException e) {
                throw e.at("point [" + i + "]");
            }
        }
        return points;
    }

    private Point decodeOne(JsonNode node, Instant recordTime) {
        if (!node.isObject()) {
            throw new InvalidInputException("a point must be a JSON object.");
        }
        JsonNode metric = node.get("metric");
        if (metric == null || !metric.isTextual()) {
            throw new InvalidInputException("a point on Kafka must name its \"metric\".");
        }
        MetricDefinition def = registry.findFresh(metric.textValue(), recordTime).orElseThrow(() ->
                new InvalidInputException("unknown metric '" + metric.textValue() + "'."));
        return parser.parse(node, def, recordTime);
    }
}
