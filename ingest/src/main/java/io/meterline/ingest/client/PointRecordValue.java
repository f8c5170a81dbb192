package io.meterline.ingest.client;

import com.fasterxml.jackson.core.JsonGenerator;
import io.meterline.core.Json;
import io.meterline.core.Point;
import io.meterline.core.PointJson;
import io.meterline.core.PointText;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
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
        return encodeInRecords(points, null);
    }

    /**
     * As {@link #encodeInRecords(List)}; a record whose points all have their text ({@code texts}
     * lines up with {@code points}, null entries or a null list meaning none) is those texts joined
     * into an array, not the points written again.
     */
    public static List<byte[]> encodeInRecords(List<Point> points, List<PointText> texts) {
        List<byte[]> values = new ArrayList<>();
        for (int from = 0; from < points.size(); from += POINTS_PER_RECORD) {
            int to = Math.min(points.size(), from + POINTS_PER_RECORD);
            addWithin(points.subList(from, to), texts == null ? null : texts.subList(from, to), values);
        }
        return values;
    }

    private static void addWithin(List<Point> points, List<PointText> texts, List<byte[]> values) {
        byte[] value = allPresent(texts) ? joined(texts) : encode(points);
        if (value.length <= MAX_BYTES || points.size() == 1) {
            values.add(value);
            return;
        }
        int half = points.size() / 2;
        addWithin(points.subList(0, half), texts == null ? null : texts.subList(0, half), values);
        addWithin(points.subList(half, points.size()), texts == null ? null : texts.subList(half, texts.size()), values);
    }

    private static boolean allPresent(List<PointText> texts) {
        if (texts == null) {
            return false;
        }
        for (PointText t : texts) { // not contains(null): immutable lists throw on it
            if (t == null) {
                return false;
            }
        }
        return true;
    }

    /** One text as it is, several as a JSON array of them. */
    private static byte[] joined(List<PointText> texts) {
        if (texts.size() == 1) {
            PointText t = texts.get(0);
            return Arrays.copyOfRange(t.bytes(), t.offset(), t.offset() + t.length());
        }
        int size = 1 + texts.size();
        for (PointText t : texts) {
            size += t.length();
        }
        byte[] out = new byte[size]; // the texts, a comma between two, brackets around
        out[0] = '[';
        int at = 1;
        for (int i = 0; i < texts.size(); i++) {
            if (i > 0) {
                out[at++] = ',';
            }
            PointText t = texts.get(i);
            System.arraycopy(t.bytes(), t.offset(), out, at, t.length());
            at += t.length();
        }
        out[at] = ']';
        return out;
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
