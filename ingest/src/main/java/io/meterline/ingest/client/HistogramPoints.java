package io.meterline.ingest.client;

import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Micrometer bucket counts → Meterline's per-bucket counts. The registry's histograms count per
 * bucket and per step (not cumulatively), so a point holds exactly the observations of one push
 * interval; observations above the highest bound go to {@code +Inf}.
 */
final class HistogramPoints {

    private HistogramPoints() {
    }

    /** @param unit the unit to write bounds in (a timer's base unit), or null for a distribution summary */
    static TreeMap<Double, Long> perBucket(HistogramSnapshot snapshot, TimeUnit unit) {
        TreeMap<Double, Long> counts = new TreeMap<>();
        long inBuckets = 0;
        for (CountAtBucket c : snapshot.histogramCounts()) {
            double bound = unit == null ? c.bucket() : c.bucket(unit);
            long count = (long) c.count();
            counts.merge(bound, count, Long::sum);
            inBuckets += count;
        }
        counts.merge(Double.POSITIVE_INFINITY, Math.max(0, snapshot.count() - inBuckets), Long::sum);
        return counts;
    }
}
