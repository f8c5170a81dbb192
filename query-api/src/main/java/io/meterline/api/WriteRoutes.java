package io.meterline.api;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.meterline.core.Ingestion;
import io.meterline.core.InvalidInputException;
import io.meterline.core.Json;
import io.meterline.core.MetricDefinition;
import io.meterline.core.MetricRegistry;
import io.meterline.core.Point;
import io.meterline.core.PointParser;
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
        JsonNode body = Json.MAPPER.readTree(Bodies.read(ctx, maxBodyBytes));
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
        String body = new String(Bodies.read(ctx, maxBodyBytes), StandardCharsets.UTF_8);
        List<Point> points = counted(() -> parseLines(body));
        publishBatch(ctx, points);
    }

    private List<Point> parseLines(String body) {
        List<Point> points = new ArrayList<>();
        String[] lines = body.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            String where = "line " + (i + 1);
            JsonNode node;
            try {
                node = Json.MAPPER.readTree(lines[i]);
            } catch (JacksonException e) {
                throw new InvalidInputException(where + ": malformed JSON: " + e.getOriginalMessage());
            }
            if (node == null || !node.isObject() || !node.path("metric").isTextual()) {
                throw new InvalidInputException(where + ": each line must be a JSON point with a \"metric\" field.");
            }
            MetricDefinition def = registry.find(node.get("metric").textValue())
                    .orElseThrow(() -> ApiException.notFound(where + ": Metric not found: '" + node.get("metric").textValue() + "'"));
            try {
                points.add(parser.parse(node, def));
            } catch (InvalidInputException e) {
                throw e.at(where);
            }
        }
        if (points.isEmpty()) {
            throw new InvalidInputException("The batch is empty: send at least one point.");
        }
        return points;
    }

    private void publishBatch(Context ctx, List<Point> points) {
        ingestion.publish(points);
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
