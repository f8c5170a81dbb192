package io.meterline.api;

import io.javalin.http.Context;
import io.meterline.core.InvalidInputException;
import io.meterline.core.MetricDefinition;
import io.meterline.core.MetricType;
import io.meterline.core.TimeParser;
import io.meterline.core.TimeRange;
import io.meterline.core.storage.Bucket;
import io.meterline.core.storage.DownsampleQuery;
import io.meterline.core.storage.MetricReader;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CSV download of a metric's history, raw or downsampled: streamed from the storage cursor
 * into the response, row by row, so memory stays flat whatever the size; no limit unless the
 * client gives one.
 */
final class CsvExport {

    private static final Logger LOG = LoggerFactory.getLogger(CsvExport.class);

    private final MetricReader reader;
    private final Counter complete;
    private final Counter clientGone;
    private final Counter failed;
    private final Counter rows;

    CsvExport(MetricReader reader, MeterRegistry meters) {
        this.reader = reader;
        this.complete = outcome(meters, "complete");
        this.clientGone = outcome(meters, "client_gone");
        this.failed = outcome(meters, "failed");
        this.rows = Counter.builder("meterline.csv.export.rows").description("rows written to CSV downloads")
                .register(meters);
    }

    private static Counter outcome(MeterRegistry meters, String outcome) {
        return Counter.builder("meterline.csv.exports").description("CSV downloads by how they ended")
                .tag("outcome", outcome).register(meters);
    }

    void export(Context ctx, MetricDefinition def) {
        Map<String, List<String>> query = new LinkedHashMap<>(ctx.queryParamMap());
        query.remove("format"); // the caller chose CSV already
        long limit = limit(query.remove("limit"));
        HistoryParams params = HistoryParams.parse(query, def);
        DownsampleParams downsampling = DownsampleParams.parse(query, def);
        if (downsampling != null) {
            if (limit != Long.MAX_VALUE) {
                throw new InvalidInputException("'limit' counts raw points; a downsampled download is bounded by its "
                        + "step: leave limit out, or narrow the range.");
            }
            downsampled(ctx, def, params, downsampling);
            return;
        }
        Instant nextStart = limit == Long.MAX_VALUE ? null : nextStart(def, params, limit);
        if (nextStart != null) {
            ctx.header("X-Next-Start-Time", TimeParser.format(nextStart));
        }
        // a cut page is all that lies before the cut (points are whole milliseconds), every series of a timestamp
        TimeRange page = nextStart == null ? params.range() : new TimeRange(params.range().start(), nextStart.minusMillis(1));
        long pageLimit = nextStart == null ? limit : Long.MAX_VALUE;
        RawCsvLayout layout = new RawCsvLayout(def, def.type() == MetricType.HISTOGRAM
                ? bounds(def, page, params, pageLimit) : List.of());
        CsvResponse response = new CsvResponse(ctx, def.name() + ".csv", layout.header());
        stream(ctx, response, () -> reader.scanRaw(def, page, params.filter(), pageLimit,
                point -> CsvResponse.write(() -> layout.write(response.next(), point))));
    }

    /**
     * Where a page of {@code limit} points ends, as api.md's {@code limit} says for every raw
     * answer: before the first timestamp whose points would not all fit, that timestamp being the
     * {@code X-Next-Start-Time}; null when every point fits. A first pass over at most limit + 1
     * points that keeps two times, since the header must be sent before the first row.
     */
    private Instant nextStart(MetricDefinition def, HistoryParams params, long limit) {
        long[] seen = {0};
        Instant[] firstAndLast = new Instant[2];
        reader.scanRaw(def, params.range(), params.filter(), limit + 1, p -> {
            if (seen[0]++ == 0) {
                firstAndLast[0] = p.timestamp();
            }
            firstAndLast[1] = p.timestamp();
        });
        if (seen[0] <= limit) {
            return null;
        }
        Instant cut = firstAndLast[1];
        if (!firstAndLast[0].isBefore(cut)) {
            throw new InvalidInputException("more than " + limit + " points share the timestamp " + cut
                    + ": add a label filter or a larger limit.");
        }
        return cut;
    }

    private void downsampled(Context ctx, MetricDefinition def, HistoryParams params, DownsampleParams downsampling) {
        DownsampleQuery query = new DownsampledHistory(reader).query(def, params, downsampling);
        List<Double> bounds = List.of();
        if (def.type() == MetricType.HISTOGRAM) {
            // a first pass for the le_ columns: the tiers may hold bounds the raw table no longer has
            TreeSet<Double> seen = new TreeSet<>();
            reader.downsample(def, query, b -> seen.addAll(((Bucket.HistogramBucket) b).buckets().counts().keySet()));
            bounds = new ArrayList<>(seen);
        }
        DownsampledCsvLayout layout = DownsampledCsvLayout.of(def, downsampling.agg(), query.groupBy(), bounds);
        ctx.header("X-Step", query.step().text());
        CsvResponse response = new CsvResponse(ctx, def.name() + ".csv", layout.header());
        stream(ctx, response, () -> reader.downsample(def, query,
                bucket -> CsvResponse.write(() -> layout.write(response, bucket))));
    }

    /**
     * The histogram bounds seen in what the export will hold: a first, cheap pass (no ordering,
     * no points kept) over the same raw points, so the header can name every {@code le_} column
     * before the first row. Not the range's totals: their whole hours come from the hourly
     * rollups, which lag the raw points by about a second, and a bound first seen in that second
     * would have had no column (its counts left out).
     */
    private List<Double> bounds(MetricDefinition def, TimeRange range, HistoryParams params, long limit) {
        TreeSet<Double> seen = new TreeSet<>();
        reader.scanRaw(def, range, params.filter(), limit,
                p -> seen.addAll(((io.meterline.core.Point.Histogram) p).buckets().counts().keySet()));
        return new ArrayList<>(seen);
    }

    private void stream(Context ctx, CsvResponse response, Runnable scan) {
        try {
            scan.run();
            response.finish();
            complete.increment();
        } catch (CsvResponse.ClientGone e) {
            // Nothing to answer to; the scan has stopped and its cursor is closed.
            clientGone.increment();
            LOG.debug("CSV export of {} stopped after {} rows: {}", ctx.path(), response.rows(), e.getCause().toString());
        } catch (RuntimeException e) {
            if (!response.opened()) {
                throw e; // nothing written yet: the error mapping answers as for any request
            }
            failed.increment();
            LOG.error("CSV export of {} failed after {} rows; aborting the response", ctx.path(), response.rows(), e);
            StreamedAnswers.abort(ctx, e);
        } finally {
            rows.increment(response.rows());
        }
    }

    private static long limit(List<String> values) {
        if (values == null || values.isEmpty()) {
            return Long.MAX_VALUE;
        }
        if (values.size() > 1) {
            throw new InvalidInputException("'limit' may be given only once.");
        }
        try {
            long limit = Long.parseLong(values.get(0).trim());
            if (limit >= 1) {
                return limit;
            }
        } catch (NumberFormatException ignored) {
            // answered below
        }
        throw new InvalidInputException("limit must be a whole number of at least 1 (leave it out to download the whole range).");
    }
}
