package io.meterline.core;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import java.io.IOException;
import java.util.Map;

/** Writes a point as the contract shows it; with {@code "metric"} for Kafka and NDJSON. */
public final class PointJson {

    private PointJson() {
    }

    /**
     * The value Meterline writes to the points topic: the point with its {@code "metric"}, and
     * the timestamp as epoch milliseconds (the contract allows both; a number is much cheaper for
     * the stream to read back than ISO-8601 text). Written straight to the generator, without a
     * tree per point: every ingested point passes here.
     */
    public static void writeRecord(JsonGenerator out, Point point) throws IOException {
        write(out, point, true, true, true);
    }

    /**
     * A point as the API answers it (the same text as {@link #toJson} without the metric),
     * streamed: a raw page of 100,000 points is written as it is read, without a tree.
     */
    public static void write(JsonGenerator out, Point point) throws IOException {
        write(out, point, false, false, true);
    }

    private static void write(JsonGenerator out, Point point, boolean withMetric, boolean epochMillis,
                              boolean labelsAsText) throws IOException {
        out.writeStartObject();
        if (withMetric) {
            out.writeStringField("metric", point.metric());
        }
        out.writeFieldName("labels");
        if (labelsAsText) {
            // the canonical text is this very object (sorted keys), kept per label set: one copy, no per-label writes
            out.writeRawValue(point.labels().canonical());
        } else {
            out.writeStartObject();
            for (Map.Entry<String, String> label : point.labels().values().entrySet()) {
                out.writeStringField(label.getKey(), label.getValue());
            }
            out.writeEndObject();
        }
        if (point instanceof Point.Gauge g) {
            out.writeNumberField("value", g.value());
        } else if (point instanceof Point.EnumSample e) {
            out.writeStringField("value", e.state());
        } else if (point instanceof Point.Histogram h) {
            out.writeObjectFieldStart("buckets");
            for (Map.Entry<Double, Long> b : h.buckets().counts().entrySet()) {
                out.writeNumberField(HistogramBuckets.boundText(b.getKey()), b.getValue());
            }
            out.writeEndObject();
            if (h.sum() != null) {
                out.writeNumberField("value", h.sum());
            }
        }
        if (epochMillis) {
            out.writeNumberField("timestamp", point.timestamp().toEpochMilli());
        } else {
            out.writeStringField("timestamp", TimeParser.format(point.timestamp()));
        }
        out.writeEndObject();
    }

    /** The same point as a tree (for callers that validate it with {@link PointParser}), from the one writer above. */
    public static ObjectNode toJson(Point point, boolean withMetric) {
        try (TokenBuffer tokens = new TokenBuffer(Json.MAPPER, false)) {
            // labels as tokens: a token buffer keeps raw text as one opaque value, not as an object
            write(tokens, point, withMetric, false, false);
            return Json.MAPPER.readTree(tokens.asParser());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("a point could not be written as JSON", e);
        }
    }
}
