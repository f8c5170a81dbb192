package io.meterline.api;

import com.fasterxml.jackson.core.JsonGenerator;
import io.javalin.http.Context;
import io.meterline.core.Json;
import io.meterline.core.MetricDefinition;
import io.meterline.core.TimeRange;
import io.meterline.core.storage.Bucket;
import io.meterline.core.storage.DownsampleQuery;
import io.meterline.core.storage.MetricReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A downsampled history read, streamed: buckets go out as the storage cursor yields them. */
final class DownsampledHistory {

    private static final Logger LOG = LoggerFactory.getLogger(DownsampledHistory.class);

    private final MetricReader reader;

    DownsampledHistory(MetricReader reader) {
        this.reader = reader;
    }

    /** Resolves {@code step=auto} and checks the bucket count before anything is written. */
    DownsampleQuery query(MetricDefinition def, HistoryParams params, DownsampleParams downsampling) {
        TimeRange range = params.range();
        TimeRange extent = range.start() != null && range.end() != null ? range : reader.extent(def, params.filter());
        return downsampling.resolve(range, params.filter(), extent);
    }

    void answer(Context ctx, MetricDefinition def, HistoryParams params, DownsampleParams downsampling) {
        DownsampleQuery query = query(def, params, downsampling);
        ctx.contentType("application/json");
        ctx.header("X-Step", query.step().text());
        Answer answer = new Answer(ctx, downsampling.agg());
        try {
            reader.downsample(def, query, answer::write);
            answer.finish();
        } catch (UncheckedIOException e) {
            throw e; // the client went away
        } catch (RuntimeException e) {
            if (!answer.begun()) {
                throw e; // nothing written yet: the error mapping answers as for any request
            }
            LOG.error("downsampled answer of {} failed after it began; aborting the response", ctx.path(), e);
            StreamedAnswers.abort(ctx, e);
        }
    }

    /** The JSON array, begun at the first bucket: a read that fails before it can still answer an error. */
    private static final class Answer {
        private final Context ctx;
        private final String agg;
        private JsonGenerator json;
        private DownsampledJson writer;

        Answer(Context ctx, String agg) {
            this.ctx = ctx;
            this.agg = agg;
        }

        boolean begun() {
            return json != null;
        }

        void write(Bucket bucket) {
            begin();
            writer.write(bucket);
        }

        void finish() {
            begin();
            try {
                json.writeEndArray();
                json.close();
            } catch (IOException e) {
                throw new UncheckedIOException("the client went away during a downsampled answer", e);
            }
        }

        private void begin() {
            if (json != null) {
                return;
            }
            try {
                json = Json.MAPPER.getFactory().createGenerator(ctx.outputStream());
                json.writeStartArray();
            } catch (IOException e) {
                throw new UncheckedIOException("the client went away during a downsampled answer", e);
            }
            writer = new DownsampledJson(json, agg);
        }
    }
}
