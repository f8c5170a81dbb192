package io.meterline.api;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.meterline.core.Ingestion;
import io.meterline.core.InvalidInputException;
import io.meterline.core.Json;
import io.meterline.core.JsonErrors;
import io.meterline.core.MetricDefinition;
import io.meterline.core.MetricRegistry;
import io.meterline.core.Point;
import io.meterline.core.PointParser;
import io.meterline.core.PointReader;
import io.meterline.core.PointText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Points in: validated here, synchronously, all or nothing; then published to Kafka. 201 only
 * after Kafka acknowledged.
 */
final class WriteRoutes {

    private final MetricRegistry registry;
    private final Ingestion ingestion;
    private final PointParser parser;
    private final ApiMeters meters;
    private final long maxBodyBytes;
    private final CsvImport csvImport;

    WriteRoutes(MetricRegistry registry, Ingestion ingestion, PointParser parser, ApiMeters meters, long maxBodyBytes) {
        this.registry = registry;
        this.ingestion = ingestion;
        this.parser = parser;
        this.meters = meters;
        this.maxBodyBytes = maxBodyBytes;
        this.csvImport = new CsvImport(parser);
    }

    void register(JavalinConfig config) {
        config.routes.post("/metrics/{name}/data", this::postToMetric);
        config.routes.post("/data", this::postNdjson);
    }

    private void postToMetric(Context ctx) throws IOException {
        MetricDefinition def = DefinitionRoutes.definition(registry, ctx);
        Bodies.Kind kind = Bodies.kind(ctx);
        if (kind == Bodies.Kind.CSV) {
            byte[] csv = Bodies.read(ctx, maxBodyBytes);
            publishBatch(ctx, counted(() -> csvImport.parse(csv, def)));
            return;
        }
        if (kind != Bodies.Kind.JSON) {
            throw ApiException.unsupportedMediaType("POST /metrics/{name}/data takes JSON (application/json) "
                    + "or CSV (text/csv); NDJSON goes to POST /data.");
        }
        byte[] bytes = Bodies.read(ctx, maxBodyBytes);
        if (startsWith(bytes, (byte) '[')) {
            List<Point> read = PointReader.of(parser, def).readPoints(bytes, 0, bytes.length);
            if (read != null) {
                publishBatch(ctx, read);
                return;
            }
        }
        JsonNode body;
        try {
            body = Json.MAPPER.readTree(bytes);
        } catch (JacksonException e) {
            InvalidInputException inPoint = startsWith(bytes, (byte) '[') ? BatchFault.inPoint(bytes, e) : null;
            if (inPoint != null) {
                throw inPoint;
            }
            throw e;
        }
        if (body != null && body.isObject()) {
            Point point = counted(() -> parser.parse(body, def));
            String id = ingestion.publish(List.of(point));
            meters.accepted(1);
            ctx.status(201).json(Map.of("message", "Success", "id", id));
            return;
        }
        if (body == null || !body.isArray()) {
            throw ApiException.badRequest("The body must be a JSON point (an object) or a batch (an array of points).");
        }
        List<Point> points = counted(() -> parseArray(body, def));
        publishBatch(ctx, points);
    }

    private List<Point> parseArray(JsonNode array, MetricDefinition def) {
        if (array.isEmpty()) {
            throw new InvalidInputException("The batch is empty: send at least one point.");
        }
        int max = parser.limits().maxPointsPerArray();
        if (array.size() > max) {
            throw new InvalidInputException("The batch holds " + array.size() + " points; at most " + max
                    + " fit in one array (split it, or use NDJSON on POST /data).");
        }
        List<Point> points = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            try {
                points.add(parser.parse(array.get(i), def));
            } catch (InvalidInputException e) {
                throw e.at("point [" + i + "]");
            }
        }
        return points;
    }

    private void postNdjson(Context ctx) {
        if (Bodies.kind(ctx) != Bodies.Kind.NDJSON && Bodies.kind(ctx) != Bodies.Kind.JSON) {
            throw ApiException.unsupportedMediaType("POST /data takes NDJSON (application/x-ndjson): one point per line.");
        }
        byte[] body = Bodies.read(ctx, maxBodyBytes);
        Lines lines = counted(() -> parseLines(body));
        publishBatch(ctx, lines.points(), lines.texts());
    }

    /** A body's points, with the text of each that can go to Kafka as it came (else null). */
    private record Lines(List<Point> points, List<PointText> texts) {
    }

    /**
     * One point per line ({@code \n} or {@code \r\n}; blank lines skipped), each parsed straight
     * from the body's bytes: no copy of the body as a String, no regular-expression split, no String
     * per line (a tenth of the ingest CPU went to those), and one parser for the whole body.
     */
    private Lines parseLines(byte[] body) {
        PointReader reader = PointReader.named(parser, name -> registry.find(name).orElse(null), null);
        List<Point> points = new ArrayList<>();
        List<PointText> texts = new ArrayList<>();
        int lineNumber = 0;
        try {
            for (int start = 0; start <= body.length; ) {
                int newline = indexOf(body, (byte) '\n', start);
                int end = newline < 0 ? body.length : newline;
                int next = end + 1;
                if (end > start && body[end - 1] == '\r') {
                    end--;
                }
                lineNumber++;
                if (!isBlank(body, start, end)) {
                    Point read = reader.readLine(body, start, end);
                    points.add(read != null ? read : parseLine(body, start, end, "line " + lineNumber));
                    texts.add(read != null && reader.lastTextIsARecord() ? PointText.ofObject(body, start, end - start) : null);
                }
                start = next;
            }
        } finally {
            reader.closeLineParser();
        }
        if (points.isEmpty()) {
            throw new InvalidInputException("The batch is empty: send at least one point.");
        }
        return new Lines(points, texts);
    }

    /** A line the reader left to the tree: odd but valid, or refused here with the reason. */
    private Point parseLine(byte[] body, int start, int end, String where) {
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(body, start, end - start);
        } catch (IOException e) {
            String reason = e instanceof JacksonException j ? JsonErrors.reason(j) : e.getMessage();
            throw new InvalidInputException(where + ": malformed JSON: " + reason);
        }
        if (node == null || !node.isObject() || !node.path("metric").isTextual()) {
            throw new InvalidInputException(where + ": each line must be a JSON point with a \"metric\" field.");
        }
        MetricDefinition def = registry.find(node.get("metric").textValue())
                .orElseThrow(() -> ApiException.notFound(where + ": Metric not found: '" + node.get("metric").textValue() + "'"));
        try {
            return parser.parse(node, def);
        } catch (InvalidInputException e) {
            throw e.at(where);
        }
    }

    /** Whether the first character after leading whitespace is {@code b}. */
    private static boolean startsWith(byte[] bytes, byte b) {
        for (byte c : bytes) {
            if (!Character.isWhitespace(c)) {
                return c == b;
            }
        }
        return false;
    }

    private static int indexOf(byte[] bytes, byte b, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }

    /** As String.isBlank over the line's text; bytes of non-ASCII characters are decoded to tell. */
    private static boolean isBlank(byte[] body, int start, int end) {
        for (int i = start; i < end; i++) {
            byte b = body[i];
            if (b < 0) {
                return new String(body, i, end - i, StandardCharsets.UTF_8).isBlank();
            }
            if (!Character.isWhitespace(b)) {
                return false;
            }
        }
        return true;
    }

    private void publishBatch(Context ctx, List<Point> points) {
        publishBatch(ctx, points, null);
    }

    private void publishBatch(Context ctx, List<Point> points, List<PointText> texts) {
        ingestion.publish(points, texts);
        meters.accepted(points.size());
        ctx.status(201).json(Map.of("message", "Success", "count", points.size()));
    }

    /** Runs a parse and counts a rejection when it throws. */
    private <T> T counted(java.util.function.Supplier<T> parse) {
        try {
            return parse.get();
        } catch (RuntimeException e) {
            meters.rejected();
            throw e;
        }
    }
}
