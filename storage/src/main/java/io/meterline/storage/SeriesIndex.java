package io.meterline.storage;

import io.meterline.core.LabelFilter;
import io.meterline.core.Labels;
import io.meterline.core.MetricDefinition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The series of a metric and their labels. They are read from the series table again whenever
 * that table has changed (its applied transaction moved on), so series added a moment ago are
 * seen, and otherwise kept: reading a thousand series texts and looking up their labels was a
 * tenth of a one-series read's CPU. Labels parsed from a series text are kept across re-reads:
 * parsing a thousand of them cost more than a Q1 query. An in-memory label index can replace
 * the scan of the labels when metrics grow to very many series.
 */
final class SeriesIndex {

    /** Beyond this many cached label sets the cache starts over (it holds only what the table has). */
    private static final int MAX_CACHED = 200_000;

    /** Above this many matching series, a placeholder list costs more than scanning the metric. */
    static final int MAX_IN_LIST = 1000;

    private static final String SERIES_OF_METRIC = "SELECT series FROM " + Schema.SERIES + " WHERE metric = $1";

    /** A metric's series, and the labels of each, as the series table held them at one transaction. */
    private record Known(long txn, List<String> series, List<Labels> labels) {
    }

    private final Queries queries;
    private final TableVisibility visibility;
    private final Map<String, Labels> parsed = new ConcurrentHashMap<>();
    private final Map<String, Known> known = new ConcurrentHashMap<>();

    SeriesIndex(Queries queries, TableVisibility visibility) {
        this.queries = queries;
        this.visibility = visibility;
    }

    SeriesSelection select(String metric, LabelFilter filter) {
        if (filter.isEmpty()) {
            return SeriesSelection.all();
        }
        Known k = known(metric);
        List<String> matching = new ArrayList<>();
        for (int i = 0; i < k.series().size(); i++) {
            if (filter.matches(k.labels().get(i))) {
                matching.add(k.series().get(i));
            }
        }
        matching.sort(null); // a stable order keeps the SQL text (and its cached factory) stable
        return SeriesSelection.of(matching, MAX_IN_LIST);
    }

    private Known known(String metric) {
        // the transaction is taken before the rows are read: a commit in between only makes the
        // next call read them again
        long txn = visibility.appliedTxn(Schema.SERIES);
        Known k = known.get(metric);
        if (k != null && k.txn() == txn) {
            return k;
        }
        List<String> series = queries.query(SERIES_OF_METRIC, new Binds().str(metric), r -> {
            List<String> out = new ArrayList<>();
            while (r.next()) {
                out.add(r.varchar(0));
            }
            return out;
        });
        List<Labels> labels = new ArrayList<>(series.size());
        series.forEach(s -> labels.add(labels(s)));
        k = new Known(txn, List.copyOf(series), List.copyOf(labels));
        known.put(metric, k);
        return k;
    }

    Map<String, List<String>> labelValues(MetricDefinition metric) {
        Map<String, TreeSet<String>> seen = new LinkedHashMap<>();
        metric.labelKeys().forEach(key -> seen.put(key, new TreeSet<>()));
        for (Labels labels : known(metric.name()).labels()) {
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
