package io.meterline.core;

/**
 * Quantiles over per-bucket counts, interpolated linearly inside the bucket that holds the rank,
 * as Prometheus' {@code histogram_quantile} does over cumulative counts: the first bucket's lower
 * edge is 0 (or the bound itself when it is ≤ 0); a rank in the {@code +Inf} bucket answers the
 * highest finite bound.
 */
public final class HistogramQuantiles {

    private HistogramQuantiles() {
    }

    /** Null when the buckets hold no observation. */
    public static Double quantile(HistogramBuckets buckets, double q) {
        long total = buckets.total();
        if (total == 0) {
            return null;
        }
        double rank = q * total;
        double lower = Double.NaN;
        double highestFinite = Double.NaN;
        long below = 0;
        for (int i = 0; i < buckets.bucketCount(); i++) {
            double upper = buckets.bound(i);
            long count = buckets.count(i);
            if (Double.isNaN(lower)) {
                lower = upper <= 0 ? upper : 0;
            }
            if (upper == Double.POSITIVE_INFINITY) {
                return Double.isNaN(highestFinite) ? null : highestFinite;
            }
            if (count > 0 && below + count >= rank) {
                return lower + (upper - lower) * ((rank - below) / count);
            }
            below += count;
            lower = upper;
            highestFinite = upper;
        }
        return highestFinite;
    }
}
