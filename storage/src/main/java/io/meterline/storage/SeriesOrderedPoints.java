package io.meterline.storage;

import io.meterline.core.Point;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

/**
 * Passes on points that arrive oldest first with each timestamp's points in series order (by
 * canonical labels), whatever order storage holds them in. Storage keeps one timestamp's points in
 * the order they were written, so an export imported into another metric (through Kafka's
 * partitions and two stream threads) and exported again came out in another order: api.md wants
 * the same bytes. The JSON pages sort the same way ({@link RawPageCollector}).
 *
 * <p>Holds one timestamp's points at a time. Series are compared by a rank (per series, found by
 * its symbol key), made again only when a new series shows up; and a timestamp whose series come in the same order
 * as the one before (the usual case: every scrape writes its series in one order) reuses that
 * order without sorting.
 */
final class SeriesOrderedPoints {

    private final Predicate<Point> out;
    private Point[] points = new Point[16];
    /** The held points' series, by number. */
    private int[] keys = new int[16];
    private int size;
    private long micros = Long.MIN_VALUE;
    private boolean stopped;

    /** Series by symbol key, numbered in order of first sight in this scan; -1 for unseen. */
    private final IntsBySymbolKey seriesOfKey = new IntsBySymbolKey(-1);
    private final List<String> seenCanonical = new ArrayList<>();
    /** Rank of each series (by its number) in canonical order. */
    private int[] rank = new int[16];
    private boolean ranksStale;

    /** The last sorted timestamp's series as they came, and the order they were passed on in. */
    private int[] lastKeys = new int[0];
    private int[] lastOrder = new int[0];

    /** @param out takes each point in order; false when it wants no more */
    SeriesOrderedPoints(Predicate<Point> out) {
        this.out = out;
    }

    /** Adds the next point (its time in microseconds, its series' symbol key); false once {@code out} wants no more. */
    boolean add(long pointMicros, int seriesKey, Point point) {
        if (pointMicros != micros && size > 0 && !flush()) {
            return false;
        }
        micros = pointMicros;
        if (size == points.length) {
            points = Arrays.copyOf(points, size * 2);
            keys = Arrays.copyOf(keys, size * 2);
        }
        points[size] = point;
        keys[size] = seriesNumber(seriesKey, point);
        size++;
        return true;
    }

    private int seriesNumber(int seriesKey, Point point) {
        int known = seriesOfKey.get(seriesKey);
        if (known >= 0) {
            return known;
        }
        int number = seenCanonical.size();
        seenCanonical.add(point.labels().canonical());
        ranksStale = true;
        seriesOfKey.put(seriesKey, number);
        return number;
    }

    /** Passes on the points held; false when {@code out} wanted no more. */
    boolean flush() {
        if (stopped) {
            return false;
        }
        int n = size;
        size = 0;
        if (n == 1) {
            return pass(points[0]);
        }
        int[] order = orderOf(n);
        for (int i = 0; i < n; i++) {
            if (!pass(points[order[i]])) {
                return false;
            }
        }
        return true;
    }

    private boolean pass(Point point) {
        if (!out.test(point)) {
            stopped = true;
        }
        return !stopped;
    }

    /** Positions of the held points in series order. */
    private int[] orderOf(int n) {
        if (n == lastKeys.length && Arrays.equals(keys, 0, n, lastKeys, 0, n)) {
            return lastOrder;
        }
        if (ranksStale) {
            rerank();
        }
        long[] byRank = new long[n];
        for (int i = 0; i < n; i++) {
            byRank[i] = (long) rank[keys[i]] << 32 | i;
        }
        Arrays.sort(byRank);
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = (int) byRank[i];
        }
        lastKeys = Arrays.copyOf(keys, n);
        lastOrder = order;
        return order;
    }

    private void rerank() {
        Integer[] byCanonical = new Integer[seenCanonical.size()];
        for (int i = 0; i < byCanonical.length; i++) {
            byCanonical[i] = i;
        }
        Arrays.sort(byCanonical, (a, b) -> seenCanonical.get(a).compareTo(seenCanonical.get(b)));
        if (rank.length < byCanonical.length) {
            rank = new int[Math.max(byCanonical.length, rank.length * 2)];
        }
        for (int r = 0; r < byCanonical.length; r++) {
            rank[byCanonical[r]] = r;
        }
        ranksStale = false;
    }
}
