package io.meterline.api;

import com.fasterxml.jackson.core.JsonGenerator;
import io.javalin.http.Context;
import io.meterline.core.Json;
import io.meterline.core.MetricDefinition;
import io.meterline.core.TimeRange;
import io.meterline.core.storage.DownsampleQuery;
import io.meterline.core.storage.MetricReader;
import java.io.IOException;
import java.io.UncheckedIOException;

/** A downsampled history read, streamed: buckets go out as the storage cursor yields them. */
final class DownsampledHistory {

    private final MetricReader reader;

    DownsampledHistory(MetricReader reader) {
        this.reader = reader;
    }

    /** Resolves {@code step=auto} and checks the bucket count before anything is written. */
    DownsampleQuery query(MetricDefinition def, HistoryParams params, DownsampleParams downsampling) {
        TimeRange range = params.range();
        TimeRange extent = range.start() != null && range.end() != null ? range : reader.extent(def);
        return downsampling.resolve(range, params.filter(), extent);
    }

    void answer(Context ctx, MetricDefinition def, HistoryParams params, DownsampleParams downsampling) {
        DownsampleQuery query = query(def, params, downsampling);
        ctx.contentType("application/json");
        ctx.header("X-Step", query.step().text());
        try (JsonGenerator json = Json.MAPPER.getFactory().createGenerator(ctx.outputStream())) {
            json.writeStartArray();
            DownsampledJson writer = new DownsampledJson(json, downsampling.agg());
            reader.downsample(def, query, writer::write);
            json.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException("the client went away during a downsampled answer", e);
        }
    }
}
