package io.meterline.ingest.client;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Turns the never-resetting {@link BucketCounts} of each meter into Meterline histogram points of
 * per-bucket counts since the last acknowledged push: deltas, so points add up to the right
 * distribution over any range. {@link #commit()} only after Kafka acknowledged the push; until then
 * the next push sends the same observations again (at-least-once, never lost).
 */
final class HistogramPoints {

    /** One push's worth of a meter: per-bucket counts, their total, and the sum of observations. */
    record Delta(TreeMap<Double, Long> buckets, long count, double sum) {
    }

    private record Totals(TreeMap<Double, Long> buckets, double sum) {
    }

    private final Map<Meter.Id, Totals> acknowledged = new HashMap<>();
    private final Map<Meter.Id, Totals> pending = new HashMap<>();

    /** @param unit the unit to write bounds in (a timer's base unit), or null for a distribution summary */
    Delta delta(Meter.Id id, HistogramSnapshot snapshot, TimeUnit unit) {
        TreeMap<Double, Long> now = new TreeMap<>();
        for (CountAtBucket c : snapshot.histogramCounts()) {
            double bound = unit == null || Double.isInfinite(c.bucket()) ? c.bucket() : c.bucket(unit);
            now.merge(bound, (long) c.count(), Long::sum);
        }
        double sum = unit == null ? snapshot.total() : snapshot.total(unit);
        Totals before = acknowledged.getOrDefault(id, new Totals(new TreeMap<>(), 0));
        TreeMap<Double, Long> delta = new TreeMap<>();
        long count = 0;
        for (Map.Entry<Double, Long> e : now.entrySet()) {
            long d = Math.max(0, e.getValue() - before.buckets().getOrDefault(e.getKey(), 0L));
            delta.put(e.getKey(), d);
            count += d;
        }
        pending.put(id, new Totals(now, sum));
        return new Delta(delta, count, sum - before.sum());
    }

    void commit() {
        acknowledged.putAll(pending);
        pending.clear();
    }

    void discard() {
        pending.clear();
    }
}
