package io.meterline.api;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.meterline.core.HistogramBuckets;
import io.meterline.core.HistogramQuantiles;
import io.meterline.core.InvalidInputException;
import io.meterline.core.Json;
import io.meterline.core.MetricDefinition;
import io.meterline.core.MetricRegistry;
import io.meterline.core.MetricType;
import io.meterline.core.Point;
import io.meterline.core.PointJson;
import io.meterline.core.TimeParser;
import io.meterline.core.storage.HistogramTotals;
import io.meterline.core.storage.MetricReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** History out: raw points with filters and paging, and an enum's or histogram's distribution. */
final class ReadRoutes {

    private final MetricRegistry registry;
    private final MetricReader reader;
    private final CsvExport csv;

    ReadRoutes(MetricRegistry registry, MetricReader reader, CsvExport csv) {
        this.registry = registry;
        this.reader = reader;
        this.csv = csv;
    }

    void register(JavalinConfig config) {
        config.routes.get("/metrics/{name}/data", this::history);
        config.routes.get("/metrics/{name}/data.csv", this::csvFile);
        config.routes.get("/metrics/{name}/distribution", this::distribution);
    }

    private void history(Context ctx) {
        MetricDefinition def = DefinitionRoutes.definition(registry, ctx);
        if (wantsCsv(ctx)) {
            csv.export(ctx, def);
            return;
        }
        HistoryParams params = HistoryParams.parse(ctx.queryParamMap(), def);
        DownsampleParams downsampling = DownsampleParams.parse(ctx.queryParamMap(), def);
        if (downsampling != null) {
            new DownsampledHistory(reader).answer(ctx, def, params, downsampling);
            return;
        }
        var page = reader.readRaw(def, params.range(), params.filter(), params.limit());
        if (page.nextStart() != null) {
            ctx.header("X-Next-Start-Time", TimeParser.format(page.nextStart()));
        }
        ctx.contentType("application/json");
        try (JsonGenerator json = Json.MAPPER.getFactory().createGenerator(ctx.outputStream())) {
            json.writeStartArray();
            for (Point p : page.points()) {
                PointJson.write(json, p);
            }
            json.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException("the client went away during a raw answer", e);
        }
    }

    /** {@code format=csv}, or {@code Accept: text/csv} when no format is given. */
    private static boolean wantsCsv(Context ctx) {
        java.util.List<String> format = ctx.queryParamMap().get("format");
        if (format != null) {
            return format.size() == 1 && format.get(0).equals("csv");
        }
        String accept = ctx.header("Accept");
        return accept != null && accept.toLowerCase(java.util.Locale.ROOT).contains("text/csv");
    }

    private void csvFile(Context ctx) {
        MetricDefinition def = DefinitionRoutes.definition(registry, ctx);
        java.util.List<String> format = ctx.queryParamMap().get("format");
        if (format != null && !format.equals(java.util.List.of("csv"))) {
            throw new InvalidInputException("data.csv is always CSV: leave out format, or use /data?format=json.");
        }
        csv.export(ctx, def);
    }

    private static final Set<String> DISTRIBUTION_PARAMETERS = Set.of("start_time", "end_time", "format");

    private void distribution(Context ctx) {
        MetricDefinition def = DefinitionRoutes.definition(registry, ctx);
        for (String name : ctx.queryParamMap().keySet()) {
            if (!name.isEmpty() && !DISTRIBUTION_PARAMETERS.contains(name) && !def.labelKeys().contains(name)) {
                throw new InvalidInputException("'" + name + "' is not a parameter of a distribution, which takes start_time, "
                        + "end_time and the metric's label keys " + def.labelKeysText() + " as filters.");
            }
        }
        String format = ctx.queryParam("format");
        if (format != null && !format.equals("json")) {
            throw new InvalidInputException("A distribution is answered in JSON only; leave format out.");
        }
        HistoryParams params = HistoryParams.parse(ctx.queryParamMap(), def);
        if (def.type() == MetricType.ENUM) {
            ctx.json(reader.stateCounts(def, params.range(), params.filter()));
        } else if (def.type() == MetricType.HISTOGRAM) {
            ctx.json(histogramSummary(reader.histogramTotals(def, params.range(), params.filter())));
        } else {
            throw new InvalidInputException("A distribution is for enum and histogram metrics; '" + def.name()
                    + "' is a gauge: read its history instead.");
        }
    }

    static ObjectNode histogramSummary(HistogramTotals totals) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        ObjectNode buckets = node.putObject("buckets");
        for (Map.Entry<Double, Long> b : totals.buckets().counts().entrySet()) {
            buckets.put(HistogramBuckets.boundText(b.getKey()), b.getValue());
        }
        node.put("count", totals.count());
        node.put("sum", totals.sum());
        node.put("p50", HistogramQuantiles.quantile(totals.buckets(), 0.5));
        node.put("p90", HistogramQuantiles.quantile(totals.buckets(), 0.9));
        node.put("p99", HistogramQuantiles.quantile(totals.buckets(), 0.99));
        return node;
    }
}
