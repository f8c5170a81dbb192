package io.meterline.core.storage;

import io.meterline.core.LabelFilter;
import io.meterline.core.Step;
import io.meterline.core.TimeRange;
import java.util.List;

/**
 * A downsampled read: buckets of {@code step} over {@code range}, for the series that pass
 * {@code filter}. {@code groupBy} null: one answer per series; a list: the label keys kept, the
 * others aggregated away (empty: every series into one).
 */
public record DownsampleQuery(TimeRange range, LabelFilter filter, Step step, List<String> groupBy) {

    public DownsampleQuery {
        groupBy = groupBy == null ? null : List.copyOf(groupBy);
    }
}
