package io.meterline.storage;

import io.meterline.core.LabelFilter;
import io.meterline.core.Labels;
import io.meterline.core.MetricDefinition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The series of a metric, read from the series table each time, so series added a moment ago
 * are seen (an in-memory label index can replace this when the table grows large). The labels
 * parsed from each series text are cached: parsing a thousand of them cost more than a Q1 query.
 */
final class SeriesIndex {

    /** Beyond this many cached label sets the cache starts over (it holds only what the table has). */
    private static final int MAX_CACHED = 200_000;

    /** Above this many matching series, a placeholder list costs more than scanning the metric. */
    static final int MAX_IN_LIST = 1000;

    private static final String SERIES_OF_METRIC = "SELECT series FROM " + Schema.SERIES + " WHERE metric = $1";

    private final Queries queries;
    private final Map<String, Labels> parsed = new java.util.concurrent.ConcurrentHashMap<>();

    SeriesIndex(Queries queries) {
        this.queries = queries;
    }

    List<String> seriesOf(String metric) {
        return queries.query(SERIES_OF_METRIC, new Binds().str(metric), r -> {
            List<String> out = new ArrayList<>();
            while (r.next()) {
                out.add(r.varchar(0));
            }
            return out;
        });
    }

    SeriesSelection select(String metric, LabelFilter filter) {
        if (filter.isEmpty()) {
            return SeriesSelection.all();
        }
        List<String> matching = new ArrayList<>();
        for (String series : seriesOf(metric)) {
            if (filter.matches(labels(series))) {
                matching.add(series);
            }
        }
        matching.sort(null); // a stable order keeps the SQL text (and its cached factory) stable
        return SeriesSelection.of(matching, MAX_IN_LIST);
    }

    Map<String, List<String>> labelValues(MetricDefinition metric) {
        Map<String, TreeSet<String>> seen = new LinkedHashMap<>();
        metric.labelKeys().forEach(key -> seen.put(key, new TreeSet<>()));
        for (String series : seriesOf(metric.name())) {
            Labels labels = labels(series);
            seen.forEach((key, values) -> {
                String value = labels.get(key);
                if (value != null) {
                    values.add(value);
                }
            });
        }
        Map<String, List<String>> out = new LinkedHashMap<>();
        seen.forEach((key, values) -> out.put(key, List.copyOf(values)));
        return out;
    }

    private Labels labels(String series) {
        Labels labels = parsed.get(series);
        if (labels == null) {
            if (parsed.size() >= MAX_CACHED) {
                parsed.clear();
            }
            labels = Labels.fromCanonical(series);
            parsed.put(series, labels);
        }
        return labels;
    }
}
