package io.meterline.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.meterline.core.DefinitionJson;
import io.meterline.core.Ingestion;
import io.meterline.core.Json;
import io.meterline.core.MetricDefinition;
import io.meterline.core.MetricRegistry;
import io.meterline.core.storage.MetricReader;
import java.io.IOException;
import java.time.Clock;
import java.util.Map;

/** Metric definitions: list, create, show, and the label values seen. */
final class DefinitionRoutes {

    private final MetricRegistry registry;
    private final Ingestion ingestion;
    private final MetricReader reader;
    private final Clock clock;
    private final long maxBodyBytes;
    private final Map<String, String> retention;

    DefinitionRoutes(MetricRegistry registry, Ingestion ingestion, MetricReader reader, Clock clock, long maxBodyBytes,
                     Map<String, String> retention) {
        this.registry = registry;
        this.ingestion = ingestion;
        this.reader = reader;
        this.clock = clock;
        this.maxBodyBytes = maxBodyBytes;
        this.retention = Map.copyOf(retention);
    }

    void register(JavalinConfig config) {
        config.routes.get("/metrics", this::list);
        config.routes.post("/metrics", this::create);
        config.routes.get("/metrics/{name}", this::show);
        config.routes.get("/metrics/{name}/labels", this::labels);
    }

    private void list(Context ctx) {
        ctx.json(registry.all().stream().map(DefinitionJson::toJson).toList());
    }

    private void create(Context ctx) throws IOException {
        if (Bodies.kind(ctx) != Bodies.Kind.JSON) {
            throw ApiException.unsupportedMediaType("POST /metrics takes a JSON definition (Content-Type: application/json).");
        }
        JsonNode body = Json.MAPPER.readTree(Bodies.read(ctx, maxBodyBytes));
        MetricDefinition definition = DefinitionJson.parse(stripCreatedAt(body), clock);
        ingestion.define(definition);
        ctx.status(201).json(Map.of("message", "Success", "id", definition.name()));
    }

    /** The server stamps the creation time; a client can't backdate a definition. */
    private static JsonNode stripCreatedAt(JsonNode body) {
        if (body != null && body.isObject()) {
            ((com.fasterxml.jackson.databind.node.ObjectNode) body).remove("created_at");
        }
        return body;
    }

    private void show(Context ctx) {
        var json = DefinitionJson.toJson(definition(registry, ctx));
        var tiers = json.putObject("retention");
        for (String tier : new String[] {"raw", "1m", "1h"}) {
            tiers.put(tier, retention.get(tier));
        }
        ctx.json(json);
    }

    private void labels(Context ctx) {
        ctx.json(reader.labelValues(definition(registry, ctx)));
    }

    static MetricDefinition definition(MetricRegistry registry, Context ctx) {
        return registry.find(ctx.pathParam("name")).orElseThrow(ApiException::metricNotFound);
    }
}
