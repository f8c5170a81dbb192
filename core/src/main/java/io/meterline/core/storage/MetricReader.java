package io.meterline.core.storage;

import io.meterline.core.LabelFilter;
import io.meterline.core.MetricDefinition;
import io.meterline.core.TimeRange;
import java.util.List;
import java.util.Map;

/** Reads stored points. Thread-safe. */
public interface MetricReader {

    /**
     * Raw points of one metric, oldest first, at most {@code limit}, never splitting a timestamp
     * across pages (see {@link RawPage}). Throws {@link io.meterline.core.InvalidInputException}
     * when one timestamp alone holds more than {@code limit} points.
     */
    RawPage readRaw(MetricDefinition metric, TimeRange range, LabelFilter filter, int limit);

    /** Enum: points per state in the range (states without points left out). */
    Map<String, Long> stateCounts(MetricDefinition metric, TimeRange range, LabelFilter filter);

    /** Histogram: the buckets of every point in the range merged. */
    HistogramTotals histogramTotals(MetricDefinition metric, TimeRange range, LabelFilter filter);

    /**
     * Raw points of one metric, oldest first and a timestamp's points in series order (by canonical
     * labels, as the JSON pages), streamed to {@code out} straight from the storage
     * cursor (memory does not grow with the answer), at most {@code limit} (use Long.MAX_VALUE for
     * all). An exception thrown by {@code out} (a client gone) stops the read at once and closes
     * the cursor.
     */
    void scanRaw(MetricDefinition metric, TimeRange range, LabelFilter filter, long limit,
                 java.util.function.Consumer<io.meterline.core.Point> out);

    /**
     * Downsampled buckets (see {@link DownsampleQuery}), oldest bucket first, then by labels;
     * empty buckets are left out, never filled.
     */
    void downsample(MetricDefinition metric, DownsampleQuery query, java.util.function.Consumer<Bucket> out);

    /** The time of the oldest and newest stored point of the metric (null bounds when it has none). */
    TimeRange extent(MetricDefinition metric);

    /**
     * The same for the series the filter keeps: what a downsampled read without bounds spans.
     * A store that can't tell may answer the metric's extent, which holds it.
     */
    default TimeRange extent(MetricDefinition metric, LabelFilter filter) {
        return extent(metric);
    }

    /** The label values seen per label key, sorted, for filter menus. */
    Map<String, List<String>> labelValues(MetricDefinition metric);
}
