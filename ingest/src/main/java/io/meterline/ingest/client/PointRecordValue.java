package io.meterline.ingest.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.meterline.core.Json;
import io.meterline.core.Point;
import io.meterline.core.PointJson;
import java.util.List;

/** The value of a record on the points topic: one point as a JSON object, several as an array. */
public final class PointRecordValue {

    private PointRecordValue() {
    }

    public static byte[] encode(List<Point> points) {
        try {
            if (points.size() == 1) {
                return Json.MAPPER.writeValueAsBytes(PointJson.toRecordJson(points.get(0)));
            }
            ArrayNode array = Json.MAPPER.createArrayNode();
            points.forEach(p -> array.add(PointJson.toRecordJson(p)));
            return Json.MAPPER.writeValueAsBytes(array);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a point could not be written as JSON", e);
        }
    }
}
