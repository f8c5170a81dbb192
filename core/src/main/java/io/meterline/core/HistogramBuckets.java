package io.meterline.core;

import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts per bucket, keyed by the bucket's upper bound ({@code +Inf} as positive infinity), in
 * ascending order. Counts are per bucket, not cumulative.
 */
public record HistogramBuckets(Map<Double, Long> counts) {

    /** Ascending and immutable whatever map is given (held as {@link BucketCounts}). */
    public HistogramBuckets {
        counts = BucketCounts.copyOf(counts);
    }

    public long total() {
        return ((BucketCounts) counts).total();
    }

    /** Adds another set of buckets into a copy of this one (the union of their bounds). */
    public HistogramBuckets plus(HistogramBuckets other) {
        return new HistogramBuckets(((BucketCounts) counts).plus((BucketCounts) other.counts));
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

    /**
     * The bound texts (and their values) at each position of the last text decoded on this thread:
     * rows of one metric repeat the same bounds in the same order, and comparing a bound's text is
     * several times cheaper than parsing it as a double (Q3 reads tens of thousands of rows).
     */
    private static final ThreadLocal<String[]> SEEN_BOUNDS = ThreadLocal.withInitial(() -> new String[64]);
    private static final ThreadLocal<double[]> SEEN_BOUND_VALUES = ThreadLocal.withInitial(() -> new double[64]);

    /** Reads what {@link #encode()} wrote (bounds ascending), without splitting into substrings per pair. */
    public static HistogramBuckets decode(String text) {
        if (text.isEmpty()) {
            return new HistogramBuckets(BucketCounts.EMPTY);
        }
        int pairs = 1;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == ';') {
                pairs++;
            }
        }
        double[] bounds = new double[pairs];
        long[] counts = new long[pairs];
        String[] seen = SEEN_BOUNDS.get();
        double[] seenValues = SEEN_BOUND_VALUES.get();
        int start = 0;
        for (int p = 0; p < pairs; p++) {
            int end = text.indexOf(';', start);
            end = end < 0 ? text.length() : end;
            int colon = text.lastIndexOf(':', end - 1);
            if (p < seen.length && seen[p] != null && seen[p].length() == colon - start
                    && text.regionMatches(start, seen[p], 0, colon - start)) {
                bounds[p] = seenValues[p];
            } else {
                String boundText = text.substring(start, colon);
                bounds[p] = parseBound(boundText);
                if (p < seen.length) {
                    seen[p] = boundText;
                    seenValues[p] = bounds[p];
                }
            }
            counts[p] = Long.parseLong(text, colon + 1, end, 10);
            start = end + 1;
        }
        for (int p = 1; p < pairs; p++) {
            if (!(bounds[p - 1] < bounds[p])) { // not written by encode(): take the slow, sorting path
                Map<Double, Long> map = new TreeMap<>();
                for (int q = 0; q < pairs; q++) {
                    map.put(bounds[q], counts[q]);
                }
                return new HistogramBuckets(map);
            }
        }
        return new HistogramBuckets(new BucketCounts(bounds, counts, pairs));
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
