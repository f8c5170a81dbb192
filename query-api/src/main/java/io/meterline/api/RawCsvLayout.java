package io.meterline.api;

import io.meterline.core.HistogramBuckets;
import io.meterline.core.MetricDefinition;
import io.meterline.core.Point;
import io.meterline.core.TimeParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The columns of a raw CSV export, which are also what the import takes: {@code timestamp}, one
 * column per label key in {@code label_keys} order, then {@code value} (gauge, enum) or one
 * {@code le_<bound>} per bound seen in the range and {@code sum} (histogram). A histogram point
 * without one of the bounds, or without a sum, leaves that cell empty.
 */
final class RawCsvLayout {

    static final String BUCKET_PREFIX = "le_";

    private final MetricDefinition def;
    private final List<Double> bounds;
    private final RepeatedCells cells;

    RawCsvLayout(MetricDefinition def, List<Double> bounds) {
        this.def = def;
        this.bounds = List.copyOf(bounds);
        this.cells = new RepeatedCells(def.labelKeys());
    }

    List<String> header() {
        List<String> columns = new ArrayList<>();
        columns.add("timestamp");
        columns.addAll(def.labelKeys());
        switch (def.type()) {
            case GAUGE, ENUM -> columns.add("value");
            case HISTOGRAM -> {
                bounds.forEach(b -> columns.add(BUCKET_PREFIX + HistogramBuckets.boundText(b)));
                columns.add("sum");
            }
        }
        return columns;
    }

    void write(CsvRowWriter out, Point point) throws IOException {
        out.start().cells(cells.timestamp(point.timestamp()));
        byte[] labels = cells.labels(out, point.labels());
        if (labels != null) {
            out.cells(labels);
        }
        // Java 17: no pattern switch yet, so an instanceof chain over the sealed kinds.
        if (point instanceof Point.Gauge g) {
            out.number(g.value());
        } else if (point instanceof Point.EnumSample e) {
            out.text(e.state());
        } else if (point instanceof Point.Histogram h) {
            for (Double bound : bounds) {
                Long count = h.buckets().counts().get(bound);
                if (count == null) {
                    out.empty();
                } else {
                    out.number(count);
                }
            }
            if (h.sum() == null) {
                out.empty();
            } else {
                out.number(h.sum());
            }
        }
        out.end();
    }
}
