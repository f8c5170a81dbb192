package io.meterline.core;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * An immutable map of bucket bound to count, held as two parallel arrays in ascending bound order.
 * Histogram rows are decoded and merged by the tens of thousands per query: arrays decode without
 * boxing a TreeMap entry per bucket and merge in one pass over both sides.
 */
final class BucketCounts extends AbstractMap<Double, Long> {

    static final BucketCounts EMPTY = new BucketCounts(new double[0], new long[0], 0);

    final double[] bounds;
    final long[] counts;
    final int size;

    /** Takes ownership of the arrays; the first {@code size} bounds must be ascending and distinct. */
    BucketCounts(double[] bounds, long[] counts, int size) {
        this.bounds = bounds;
        this.counts = counts;
        this.size = size;
    }

    static BucketCounts copyOf(Map<Double, Long> map) {
        if (map instanceof BucketCounts b) {
            return b;
        }
        double[] bounds = new double[map.size()];
        int i = 0;
        for (Double bound : map.keySet()) {
            bounds[i++] = bound;
        }
        Arrays.sort(bounds);
        long[] counts = new long[bounds.length];
        for (i = 0; i < bounds.length; i++) {
            counts[i] = map.get(bounds[i]);
        }
        return new BucketCounts(bounds, counts, bounds.length);
    }

    /** The union of both bound sets, counts added where a bound is in both. */
    BucketCounts plus(BucketCounts other) {
        if (bounds == other.bounds && size == other.size) {
            // rows decoded with the same bounds share the array (HistogramBuckets.decode): add by position
            long[] c = new long[size];
            for (int i = 0; i < size; i++) {
                c[i] = Counts.add(counts[i], other.counts[i]);
            }
            return new BucketCounts(bounds, c, size);
        }
        double[] b = new double[size + other.size];
        long[] c = new long[b.length];
        int i = 0;
        int j = 0;
        int n = 0;
        while (i < size || j < other.size) {
            int cmp = i == size ? 1 : j == other.size ? -1 : Double.compare(bounds[i], other.bounds[j]);
            if (cmp <= 0) {
                b[n] = bounds[i];
                c[n] = counts[i++];
                if (cmp == 0) {
                    c[n] = Counts.add(c[n], other.counts[j++]);
                }
            } else {
                b[n] = other.bounds[j];
                c[n] = other.counts[j++];
            }
            n++;
        }
        return new BucketCounts(b, c, n);
    }

    long total() {
        long total = 0;
        for (int i = 0; i < size; i++) {
            total = Counts.add(total, counts[i]);
        }
        return total;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public Long get(Object key) {
        if (!(key instanceof Double d)) {
            return null;
        }
        int i = Arrays.binarySearch(bounds, 0, size, d);
        return i >= 0 ? counts[i] : null;
    }

    @Override
    public boolean containsKey(Object key) {
        return get(key) != null;
    }

    @Override
    public Set<Entry<Double, Long>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public int size() {
                return size;
            }

            @Override
            public Iterator<Entry<Double, Long>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < size;
                    }

                    @Override
                    public Entry<Double, Long> next() {
                        if (next >= size) {
                            throw new NoSuchElementException();
                        }
                        int i = next++;
                        return new SimpleImmutableEntry<>(bounds[i], counts[i]);
                    }
                };
            }
        };
    }
}
