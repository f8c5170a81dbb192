package io.meterline.api;

import io.meterline.core.InvalidInputException;
import io.meterline.core.LabelFilter;
import io.meterline.core.MetricDefinition;
import io.meterline.core.TimeParser;
import io.meterline.core.TimeRange;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** The query parameters of a history read, checked against the metric's label keys. */
record HistoryParams(TimeRange range, LabelFilter filter, int limit, String format) {

    static final int DEFAULT_LIMIT = 10_000;
    static final int MAX_LIMIT = 100_000;
    private static final Set<String> KNOWN =
            Set.of("start_time", "end_time", "limit", "format", "step", "agg", "max_points", "group_by");

    private static final Instant EARLIEST = Instant.parse("0000-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999Z");

    static HistoryParams parse(Map<String, List<String>> query, MetricDefinition def) {
        Map<String, Set<String>> labels = new TreeMap<>();
        for (Map.Entry<String, List<String>> e : query.entrySet()) {
            String name = e.getKey();
            if (name.isEmpty()) {
                continue; // "?host=a&": a trailing '&' names no parameter
            }
            if (!KNOWN.contains(name) && !def.labelKeys().contains(name)) {
                throw new InvalidInputException("Unknown parameter '" + name + "': use start_time, end_time, limit, "
                        + "step, agg, max_points, group_by, format, or one of the metric's label keys " + def.labelKeysText() + ".");
            }
            if (def.labelKeys().contains(name)) {
                labels.put(name, new LinkedHashSet<>(e.getValue()));
            }
        }
        Instant start = time(query, "start_time");
        Instant end = time(query, "end_time");
        if (start != null && end != null && start.isAfter(end)) {
            throw new InvalidInputException("start_time " + TimeParser.format(start) + " is after end_time "
                    + TimeParser.format(end) + ".");
        }
        return new HistoryParams(new TimeRange(start, end), new LabelFilter(labels), limit(query), format(query));
    }


    private static Instant time(Map<String, List<String>> query, String name) {
        String value = single(query, name);
        if (value == null) {
            return null;
        }
        Instant time;
        try {
            time = TimeParser.parse(value);
        } catch (InvalidInputException e) {
            throw new InvalidInputException(name + ": " + e.getMessage());
        }
        // storage counts microseconds in a long; an epoch-ms bound of 10^17 overflowed it (a 500)
        if (time.isBefore(EARLIEST) || time.isAfter(LATEST)) {
            throw new InvalidInputException(name + " must be between " + TimeParser.format(EARLIEST) + " and "
                    + TimeParser.format(LATEST) + ".");
        }
        return time;
    }

    private static int limit(Map<String, List<String>> query) {
        String value = single(query, "limit");
        if (value == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(value.trim());
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException ignored) {
            // answered below
        }
        throw new InvalidInputException("limit must be a whole number from 1 to " + MAX_LIMIT + "; use "
                + "X-Next-Start-Time to page through more.");
    }

    private static String format(Map<String, List<String>> query) {
        String value = single(query, "format");
        if (value == null || value.equals("json")) {
            return "json";
        }
        if (value.equals("csv")) {
            throw new InvalidInputException("format=csv is not available in this version yet: use format=json.");
        }
        throw new InvalidInputException("format must be 'json' or 'csv'.");
    }

    /** The one value of a parameter given at most once; null when absent. */
    static String single(Map<String, List<String>> query, String name) {
        List<String> values = query.get(name);
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw new InvalidInputException("'" + name + "' may be given only once.");
        }
        return values.get(0);
    }
}
