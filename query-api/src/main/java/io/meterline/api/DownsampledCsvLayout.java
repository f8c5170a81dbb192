package io.meterline.api;

import io.meterline.core.HistogramBuckets;
import io.meterline.core.HistogramQuantiles;
import io.meterline.core.MetricDefinition;
import io.meterline.core.TimeParser;
import io.meterline.core.storage.Bucket;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The columns of a downsampled CSV download: {@code timestamp} (the bucket start), the label keys
 * (only the {@code group_by} keys when grouped, in {@code label_keys} order), then per kind: the
 * {@code agg} name, or {@code avg,min,max,sum,count,last} for {@code agg=all} (gauge);
 * {@code state,count}, one row per state seen in the bucket (enum); the {@code le_} columns of the
 * bounds seen, then {@code count,sum,p50,p90,p99} (histogram). Absent values are empty cells.
 */
record DownsampledCsvLayout(MetricDefinition def, String agg, List<String> labelKeys, List<Double> bounds) {

    private static final List<String> ALL_AGGS = List.of("avg", "min", "max", "sum", "count", "last");

    DownsampledCsvLayout {
        labelKeys = List.copyOf(labelKeys);
        bounds = List.copyOf(bounds);
    }

    static DownsampledCsvLayout of(MetricDefinition def, String agg, List<String> groupBy, List<Double> bounds) {
        List<String> keys = def.labelKeys().stream().filter(k -> groupBy == null || groupBy.contains(k)).toList();
        return new DownsampledCsvLayout(def, agg, keys, bounds);
    }

    List<String> header() {
        List<String> columns = new ArrayList<>();
        columns.add("timestamp");
        columns.addAll(labelKeys);
        switch (def.type()) {
            case GAUGE -> columns.addAll(agg.equals("all") ? ALL_AGGS : List.of(agg));
            case ENUM -> columns.addAll(List.of("state", "count"));
            case HISTOGRAM -> {
                bounds.forEach(b -> columns.add(RawCsvLayout.BUCKET_PREFIX + HistogramBuckets.boundText(b)));
                columns.addAll(List.of("count", "sum", "p50", "p90", "p99"));
            }
        }
        return columns;
    }

    void write(CsvResponse response, Bucket bucket) throws IOException {
        if (bucket instanceof Bucket.EnumBucket e) {
            for (Map.Entry<String, Long> state : new TreeMap<>(e.counts()).entrySet()) {
                start(response, bucket).text(state.getKey()).number(state.getValue()).end();
            }
            return;
        }
        CsvRowWriter row = start(response, bucket);
        if (bucket instanceof Bucket.GaugeBucket g) {
            for (String name : agg.equals("all") ? ALL_AGGS : List.of(agg)) {
                if (name.equals("count")) {
                    row.number(g.count());
                } else {
                    row.number(GaugeAggregates.value(g, name));
                }
            }
        } else if (bucket instanceof Bucket.HistogramBucket h) {
            for (Double bound : bounds) {
                Long count = h.buckets().counts().get(bound);
                optional(row, count == null ? null : count.doubleValue(), true);
            }
            row.number(h.count());
            optional(row, h.sum(), false);
            for (double q : new double[] {0.5, 0.9, 0.99}) {
                optional(row, HistogramQuantiles.quantile(h.buckets(), q), false);
            }
        }
        row.end();
    }

    private CsvRowWriter start(CsvResponse response, Bucket bucket) throws IOException {
        CsvRowWriter row = response.next().start().text(TimeParser.format(bucket.start()));
        for (String key : labelKeys) {
            String value = bucket.labels().get(key);
            row.text(value == null ? "" : value);
        }
        return row;
    }

    private static void optional(CsvRowWriter row, Double value, boolean whole) throws IOException {
        if (value == null) {
            row.empty();
        } else if (whole) {
            row.number(value.longValue());
        } else {
            row.number(value);
        }
    }
}
