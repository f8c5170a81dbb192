package io.meterline.ingest.client;

import com.fasterxml.jackson.core.JsonGenerator;
import io.meterline.core.Json;
import io.meterline.core.Point;
import io.meterline.core.PointJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** The value of a record on the points topic: one point as a JSON object, several as an array. */
public final class PointRecordValue {

    private PointRecordValue() {
    }

    /**
     * Points per record written here: well under what the stream accepts in one array
     * ({@code Limits#maxPointsPerArray}, 10,000), and small next to Kafka's 1 MB default request size.
     */
    public static final int POINTS_PER_RECORD = 1_000;
    /** A record encoded larger than this is split (large histograms), half of Kafka's default limit. */
    public static final int MAX_BYTES = 512 * 1024;

    /**
     * One series' points as record values: {@link #POINTS_PER_RECORD} at most per record, and a
     * record larger than {@link #MAX_BYTES} split in halves until it fits (or is one point).
     */
    public static List<byte[]> encodeInRecords(List<Point> points) {
        List<byte[]> values = new ArrayList<>();
        for (int from = 0; from < points.size(); from += POINTS_PER_RECORD) {
            addWithin(points.subList(from, Math.min(points.size(), from + POINTS_PER_RECORD)), values);
        }
        return values;
    }

    private static void addWithin(List<Point> points, List<byte[]> values) {
        byte[] value = encode(points);
        if (value.length <= MAX_BYTES || points.size() == 1) {
            values.add(value);
            return;
        }
        int half = points.size() / 2;
        addWithin(points.subList(0, half), values);
        addWithin(points.subList(half, points.size()), values);
    }

    public static byte[] encode(List<Point> points) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(points.size() * 96);
        try (JsonGenerator out = Json.MAPPER.getFactory().createGenerator(bytes)) {
            // Schubfach instead of Double.toString: the shortest text that reads back as the same double
            out.enable(JsonGenerator.Feature.USE_FAST_DOUBLE_WRITER);
            if (points.size() == 1) {
                PointJson.writeRecord(out, points.get(0));
            } else {
                out.writeStartArray();
                for (Point p : points) {
                    PointJson.writeRecord(out, p);
                }
                out.writeEndArray();
            }
        } catch (IOException e) {
            throw new IllegalStateException("a point could not be written as JSON", e);
        }
        return bytes.toByteArray();
    }
}
