package io.meterline.api;

import io.meterline.core.InvalidInputException;
import io.meterline.core.MetricDefinition;
import io.meterline.core.MetricType;
import io.meterline.core.Step;
import io.meterline.core.TimeRange;
import io.meterline.core.storage.DownsampleQuery;
import io.meterline.core.LabelFilter;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code step}, {@code agg}, {@code max_points} and {@code group_by} of a history read, checked
 * together (they only make sense with a step) and resolved into a {@link DownsampleQuery}.
 */
record DownsampleParams(String step, String agg, int maxPoints, List<String> groupBy) {

    static final int MAX_BUCKETS_PER_SERIES = 11_000;
    static final Set<String> AGGS = Set.of("avg", "min", "max", "sum", "count", "last", "all");

    /** Null when the read is not downsampled. */
    static DownsampleParams parse(Map<String, List<String>> query, MetricDefinition def) {
        String step = HistoryParams.single(query, "step");
        String agg = HistoryParams.single(query, "agg");
        String maxPoints = HistoryParams.single(query, "max_points");
        String groupBy = HistoryParams.single(query, "group_by");
        if (step == null) {
            for (String name : List.of("agg", "max_points", "group_by")) {
                if (query.containsKey(name)) {
                    throw new InvalidInputException("'" + name + "' needs a step: add step=auto or e.g. step=5m.");
                }
            }
            return null;
        }
        if (agg != null && def.type() != MetricType.GAUGE) {
            throw new InvalidInputException("'agg' applies to gauges only; " + (def.type() == MetricType.ENUM ? "an " : "a ")
                    + def.type().wireName()
                    + " bucket always answers its " + (def.type() == MetricType.ENUM ? "counts per state." : "merged buckets."));
        }
        if (agg != null && !AGGS.contains(agg)) {
            throw new InvalidInputException("agg must be one of avg, min, max, sum, count, last, all; not '" + agg + "'.");
        }
        if (maxPoints != null && !step.equals("auto")) {
            throw new InvalidInputException("'max_points' goes with step=auto; with an explicit step it has no effect.");
        }
        List<String> keys = groupBy == null ? null
                : Arrays.stream(groupBy.split(",")).map(String::trim).filter(k -> !k.isEmpty()).toList();
        if (keys != null) {
            for (String key : keys) {
                if (!def.labelKeys().contains(key)) {
                    throw new InvalidInputException("group_by '" + key + "' is not a label key of this metric: "
                            + def.labelKeysText() + ".");
                }
            }
        }
        return new DownsampleParams(step, agg == null ? "avg" : agg, maxPoints(maxPoints), keys);
    }

    /**
     * The query to run. {@code extent} is the data's time extent, used where a bound is absent
     * (to size {@code step=auto} and to check an explicit step's bucket count).
     */
    DownsampleQuery resolve(TimeRange range, LabelFilter filter, TimeRange extent) {
        Instant start = range.start() != null ? range.start() : extent.start();
        Instant end = range.end() != null ? range.end() : extent.end();
        Step resolved;
        if (step.equals("auto")) {
            resolved = start == null || end == null ? Step.seconds(60) : Step.auto(start, end, maxPoints);
        } else {
            resolved = Step.parse(step);
            if (start != null && end != null && !end.isBefore(start)) {
                long buckets = resolved.bucketCount(start, end);
                if (buckets > MAX_BUCKETS_PER_SERIES) {
                    throw new InvalidInputException("step=" + step + " gives " + buckets + " buckets per series over the "
                            + "range; at most " + MAX_BUCKETS_PER_SERIES + " are answered: use step="
                            + fittingStep(start, end).text() + " or coarser, or a shorter range.");
                }
            }
        }
        return new DownsampleQuery(range, filter, resolved, groupBy);
    }

    /** The finest ladder step that fits the range, or beyond the ladder's 7d the fewest whole days that do. */
    private static Step fittingStep(Instant start, Instant end) {
        Step ladder = Step.auto(start, end, MAX_BUCKETS_PER_SERIES);
        if (ladder.bucketCount(start, end) <= MAX_BUCKETS_PER_SERIES) {
            return ladder;
        }
        long days = Math.max(8, (end.toEpochMilli() - start.toEpochMilli()) / 86_400_000L / (MAX_BUCKETS_PER_SERIES - 1));
        Step step = Step.seconds(days * 86_400);
        while (step.bucketCount(start, end) > MAX_BUCKETS_PER_SERIES) {
            step = Step.seconds(step.millis() / 1000 + 86_400);
        }
        return step;
    }

    private static int maxPoints(String text) {
        if (text == null) {
            return 1000;
        }
        try {
            int n = Integer.parseInt(text.trim());
            if (n >= 1 && n <= MAX_BUCKETS_PER_SERIES) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // answered below
        }
        throw new InvalidInputException("max_points must be a whole number from 1 to " + MAX_BUCKETS_PER_SERIES + ".");
    }

}
