package io.meterline.api;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import io.meterline.core.HistogramBuckets;
import io.meterline.core.HistogramQuantiles;
import io.meterline.core.TimeParser;
import io.meterline.core.storage.Bucket;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/** Writes downsampled buckets as the contract shows them, one object per series (or group) and bucket. */
final class DownsampledJson {

    private static final double[] QUANTILES = {0.5, 0.9, 0.99};
    private static final SerializableString[] QUANTILE_NAMES = {name("p50"), name("p90"), name("p99")};
    private static final SerializableString LABELS = name("labels");
    private static final SerializableString TIMESTAMP = name("timestamp");
    private static final SerializableString BUCKETS = name("buckets");
    private static final SerializableString COUNT = name("count");
    private static final SerializableString SUM = name("sum");

    private final JsonGenerator json;
    private final String agg;
    /**
     * Bound texts by position, with the bounds they are for, quoted and encoded once: an answer
     * repeats a few bounds in every bucket (Q3 writes 12,000), and a plain String field name is
     * checked for escapes each time.
     */
    private double[] namedBounds = new double[0];
    private SerializableString[] boundNames = new SerializableString[0];

    DownsampledJson(JsonGenerator json, String agg) {
        this.json = json;
        this.agg = agg;
    }

    void write(Bucket bucket) {
        try {
            json.writeStartObject();
            json.writeFieldName(LABELS);
            json.writeStartObject();
            for (Map.Entry<String, String> label : bucket.labels().values().entrySet()) {
                json.writeStringField(label.getKey(), label.getValue());
            }
            json.writeEndObject();
            json.writeFieldName(TIMESTAMP);
            json.writeString(TimeParser.format(bucket.start()));
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
        if (agg.equals("count")) {
            json.writeNumberField("value", g.count()); // a whole number, as in agg=all and in CSV
            return;
        }
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
        json.writeFieldName(BUCKETS);
        json.writeStartObject();
        HistogramBuckets buckets = h.buckets();
        for (int i = 0; i < buckets.bucketCount(); i++) {
            json.writeFieldName(boundName(i, buckets.bound(i)));
            json.writeNumber(buckets.count(i));
        }
        json.writeEndObject();
        json.writeFieldName(COUNT);
        json.writeNumber(h.count());
        json.writeFieldName(SUM);
        if (h.sum() == null) {
            json.writeNull();
        } else {
            json.writeNumber(h.sum());
        }
        for (int i = 0; i < QUANTILES.length; i++) {
            Double v = HistogramQuantiles.quantile(h.buckets(), QUANTILES[i]);
            json.writeFieldName(QUANTILE_NAMES[i]);
            if (v == null) {
                json.writeNull();
            } else {
                json.writeNumber(v);
            }
        }
    }

    private SerializableString boundName(int i, double bound) {
        if (i >= namedBounds.length) {
            namedBounds = Arrays.copyOf(namedBounds, i + 1);
            boundNames = Arrays.copyOf(boundNames, i + 1);
        }
        if (boundNames[i] == null || namedBounds[i] != bound) {
            namedBounds[i] = bound;
            boundNames[i] = name(HistogramBuckets.boundText(bound));
        }
        return boundNames[i];
    }

    private static SerializableString name(String text) {
        return new SerializedString(text);
    }
}
