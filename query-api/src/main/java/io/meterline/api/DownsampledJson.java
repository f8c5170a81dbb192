package io.meterline.api;

import com.fasterxml.jackson.core.JsonGenerator;
import io.meterline.core.HistogramBuckets;
import io.meterline.core.HistogramQuantiles;
import io.meterline.core.TimeParser;
import io.meterline.core.storage.Bucket;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/** Writes downsampled buckets as the contract shows them, one object per series (or group) and bucket. */
final class DownsampledJson {

    private static final double[] QUANTILES = {0.5, 0.9, 0.99};
    private static final String[] QUANTILE_NAMES = {"p50", "p90", "p99"};

    private final JsonGenerator json;
    private final String agg;
    /** Bound texts by bound: an answer repeats a few bounds in every bucket. */
    private final Map<Double, String> boundTexts = new HashMap<>();

    DownsampledJson(JsonGenerator json, String agg) {
        this.json = json;
        this.agg = agg;
    }

    void write(Bucket bucket) {
        try {
            json.writeStartObject();
            json.writeObjectFieldStart("labels");
            for (Map.Entry<String, String> label : bucket.labels().values().entrySet()) {
                json.writeStringField(label.getKey(), label.getValue());
            }
            json.writeEndObject();
            json.writeStringField("timestamp", TimeParser.format(bucket.start()));
            if (bucket instanceof Bucket.GaugeBucket g) {
                gauge(g);
            } else if (bucket instanceof Bucket.EnumBucket e) {
                json.writeObjectFieldStart("counts");
                for (Map.Entry<String, Long> c : new TreeMap<>(e.counts()).entrySet()) {
                    json.writeNumberField(c.getKey(), c.getValue());
                }
                json.writeEndObject();
            } else if (bucket instanceof Bucket.HistogramBucket h) {
                histogram(h);
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void gauge(Bucket.GaugeBucket g) throws IOException {
        if (!agg.equals("all")) {
            json.writeNumberField("value", GaugeAggregates.value(g, agg));
            return;
        }
        json.writeNumberField("avg", g.avg());
        json.writeNumberField("min", g.min());
        json.writeNumberField("max", g.max());
        json.writeNumberField("sum", g.sum());
        json.writeNumberField("count", g.count());
        json.writeNumberField("last", g.last());
    }

    private void histogram(Bucket.HistogramBucket h) throws IOException {
        json.writeObjectFieldStart("buckets");
        for (Map.Entry<Double, Long> b : h.buckets().counts().entrySet()) {
            json.writeNumberField(boundTexts.computeIfAbsent(b.getKey(), HistogramBuckets::boundText), b.getValue());
        }
        json.writeEndObject();
        json.writeNumberField("count", h.count());
        if (h.sum() == null) {
            json.writeNullField("sum");
        } else {
            json.writeNumberField("sum", h.sum());
        }
        for (int i = 0; i < QUANTILES.length; i++) {
            Double v = HistogramQuantiles.quantile(h.buckets(), QUANTILES[i]);
            String name = QUANTILE_NAMES[i];
            if (v == null) {
                json.writeNullField(name);
            } else {
                json.writeNumberField(name, v);
            }
        }
    }
}
