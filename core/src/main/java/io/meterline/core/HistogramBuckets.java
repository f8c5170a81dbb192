package io.meterline.core;

import java.util.Collections;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts per bucket, keyed by the bucket's upper bound ({@code +Inf} as positive infinity), in
 * ascending order. Counts are per bucket, not cumulative.
 */
public record HistogramBuckets(Map<Double, Long> counts) {

    public HistogramBuckets {
        counts = Collections.unmodifiableMap(new TreeMap<>(counts));
    }

    public long total() {
        long total = 0;
        for (long c : counts.values()) {
            total += c;
        }
        return total;
    }

    /** Adds another set of buckets into a copy of this one (the union of their bounds). */
    public HistogramBuckets plus(HistogramBuckets other) {
        TreeMap<Double, Long> merged = new TreeMap<>(counts);
        other.counts.forEach((bound, count) -> merged.merge(bound, count, Long::sum));
        return new HistogramBuckets(merged);
    }

    /** The text of a bound as the API writes it: {@code +Inf}, or the shortest decimal form. */
    public static String boundText(double bound) {
        if (bound == Double.POSITIVE_INFINITY) {
            return "+Inf";
        }
        if (bound == Math.rint(bound) && Math.abs(bound) < 1e15) {
            return Long.toString((long) bound);
        }
        return Double.toString(bound);
    }

    /** A compact text form for storage: {@code bound:count;bound:count}. */
    public String encode() {
        StringBuilder out = new StringBuilder(counts.size() * 12);
        Iterator<Map.Entry<Double, Long>> it = counts.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<Double, Long> e = it.next();
            out.append(boundText(e.getKey())).append(':').append(e.getValue());
            if (it.hasNext()) {
                out.append(';');
            }
        }
        return out.toString();
    }

    public static HistogramBuckets decode(String text) {
        TreeMap<Double, Long> counts = new TreeMap<>();
        if (!text.isEmpty()) {
            for (String pair : text.split(";")) {
                int colon = pair.lastIndexOf(':');
                counts.put(parseBound(pair.substring(0, colon)), Long.parseLong(pair.substring(colon + 1)));
            }
        }
        return new HistogramBuckets(counts);
    }

    /** Parses a bound as the API takes it: a number, or {@code +Inf} in any case. */
    public static double parseBound(String text) {
        String t = text.trim();
        if (t.equalsIgnoreCase("+inf") || t.equalsIgnoreCase("inf")) {
            return Double.POSITIVE_INFINITY;
        }
        double bound = Double.parseDouble(t);
        if (!Double.isFinite(bound)) {
            throw new NumberFormatException("not a finite bound: " + text);
        }
        return bound;
    }
}
