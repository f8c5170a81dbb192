package io.meterline.core;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The storage text of histogram buckets: {@code =}, the bounds as the API writes them joined by
 * {@code ;}, {@code |}, the width of a count as two digits, then every count in bound order, each
 * exactly that many digits, zero-padded. {0.25: 1, 10: 12, +Inf: 0} is {@code =0.25;10;+Inf|02011200}.
 *
 * <p>Why this form: a histogram read decodes every stored row (Q3: 50,000 of twelve buckets), and
 * parsing {@code bound:count} pairs of varying length was half of its CPU. Here a row whose bounds
 * text is the last row's costs one compare of that text and one word load per count. It is still
 * text, so the one VARCHAR column works alike in the embedded store, over ILP to a QuestDB server
 * and over PG wire, and rows stored earlier in the {@code bound:count;…} form need no migration:
 * {@link HistogramBuckets#decode(byte[], int)} reads both.
 */
final class FixedWidthBucketText {

    static final byte MARK = '=';
    private static final int MAX_WIDTH = 19; // Long.MAX_VALUE's digits

    /** The bounds of the last row decoded on this thread: rows of one metric repeat them. */
    private static final ThreadLocal<LastBounds> LAST = ThreadLocal.withInitial(LastBounds::new);

    private FixedWidthBucketText() {
    }

    /** The text of {@code size} ascending bounds and their counts ({@code size > 0}). */
    static String encode(double[] bounds, long[] counts, int size) {
        long max = 0;
        for (int i = 0; i < size; i++) {
            max = Math.max(max, stored(counts[i]));
        }
        int width = digits(max);
        StringBuilder out = new StringBuilder(size * (width + 6) + 4).append((char) MARK);
        for (int i = 0; i < size; i++) {
            out.append(i == 0 ? "" : ";").append(HistogramBuckets.boundText(bounds[i]));
        }
        out.append('|').append(width < 10 ? "0" : "").append(width);
        for (int i = 0; i < size; i++) {
            long count = stored(counts[i]);
            for (int pad = digits(count); pad < width; pad++) {
                out.append('0');
            }
            out.append(count);
        }
        return out.toString();
    }

    /**
     * A count as stored. Counts add up saturating ({@link Counts}); a negative one can only be a
     * sum that wrapped round before they did (a rollup row stored by an older jar), so it stands
     * for more than the largest long. Written as it is, it would make the row unreadable.
     */
    private static long stored(long count) {
        return count < 0 ? Long.MAX_VALUE : count;
    }

    /** Reads the text in {@code [0, length)}; it starts with {@link #MARK}. */
    static HistogramBuckets decode(byte[] text, int length) {
        LastBounds last = LAST.get();
        if (last.matches(text, length)) {
            long[] counts = counts(text, length, last.text.length, last.bounds.length);
            return new HistogramBuckets(new BucketCounts(last.bounds, counts, counts.length));
        }
        int bar = 1;
        while (bar < length && text[bar] != '|') {
            bar++;
        }
        if (bar == length) {
            throw new NumberFormatException("stored buckets without '|'");
        }
        int pairs = 1;
        for (int i = 1; i < bar; i++) {
            if (text[i] == ';') {
                pairs++;
            }
        }
        double[] bounds = new double[pairs];
        int start = 1;
        for (int p = 0; p < pairs; p++) {
            int end = start;
            while (end < bar && text[end] != ';') {
                end++;
            }
            bounds[p] = HistogramBuckets.parseBound(new String(text, start, end - start, StandardCharsets.UTF_8));
            if (p > 0 && !(bounds[p - 1] < bounds[p])) {
                throw new NumberFormatException("stored bounds not ascending");
            }
            start = end + 1;
        }
        long[] counts = counts(text, length, bar - 1, pairs);
        last.text = Arrays.copyOfRange(text, 1, bar);
        last.bounds = bounds;
        return new HistogramBuckets(new BucketCounts(bounds, counts, pairs));
    }

    /**
     * Both arrays are replaced, never changed in place: a {@link HistogramSum} keeps them as its
     * bounds and their text ({@link #boundsTextOf}).
     */
    private static final class LastBounds {
        /** The bounds text between {@link #MARK} and '|'. */
        byte[] text = new byte[0];
        double[] bounds = new double[0];

        boolean matches(byte[] row, int length) {
            return text.length > 0 && hasBounds(row, length, text);
        }
    }

    /** Whether a stored text is of the fixed-width form with exactly this bounds text. */
    static boolean hasBounds(byte[] text, int length, byte[] boundsText) {
        int n = boundsText.length;
        return length >= n + 4 && text[0] == MARK && text[n + 1] == '|' && Arrays.equals(text, 1, n + 1, boundsText, 0, n);
    }

    /**
     * Adds the counts of a text that {@link #hasBounds has} {@code pairs} bounds of length
     * {@code boundsLength} into {@code sums}, by position, and returns the row's total
     * ({@link HistogramSum#addStored}: a read adds tens of thousands of rows, each without a decoded copy).
     */
    static long addCounts(byte[] text, int length, int boundsLength, long[] sums, int pairs) {
        int from = boundsLength + 2;
        int width = width(text, from, length, pairs);
        boolean words = wordsFit(text, length, width);
        long total = 0;
        for (int p = 0, pos = from + 2; p < pairs; p++, pos += width) {
            long count = words ? ByteWords.digits(text, pos, width) : digitsOneByOne(text, pos, width);
            sums[p] = Counts.add(sums[p], count);
            total = Counts.add(total, count);
        }
        return total;
    }

    /** The bounds text of {@code bounds} when they are the last fixed-width row's decoded on this thread, else null. */
    static byte[] boundsTextOf(double[] bounds) {
        LastBounds last = LAST.get();
        return last.bounds == bounds ? last.text : null;
    }

    /** The {@code pairs} counts of a text whose bounds text is {@code boundsLength} bytes long. */
    private static long[] counts(byte[] text, int length, int boundsLength, int pairs) {
        long[] counts = new long[pairs];
        addCounts(text, length, boundsLength, counts, pairs);
        return counts;
    }

    private static int width(byte[] text, int from, int length, int pairs) {
        int width = from + 2 <= length ? digit(text[from]) * 10 + digit(text[from + 1]) : -1;
        if (width < 1 || width > MAX_WIDTH || length - from - 2 != (long) pairs * width) {
            throw new NumberFormatException("stored bucket counts of the wrong width or number");
        }
        return width;
    }

    /** A count a word at a time where the array has room to read one past the text's end (VarcharBytes). */
    private static boolean wordsFit(byte[] text, int length, int width) {
        return width <= Long.BYTES && text.length - length >= Long.BYTES;
    }

    private static long digitsOneByOne(byte[] text, int from, int width) {
        if (width == MAX_WIDTH) { // may not fit a long: let parseLong say so
            return Long.parseLong(new String(text, from, width, StandardCharsets.US_ASCII));
        }
        long value = 0;
        for (int i = from; i < from + width; i++) {
            value = value * 10 + digit(text[i]);
        }
        return value;
    }

    private static int digit(byte b) {
        if (b < '0' || b > '9') {
            throw new NumberFormatException("not a digit in stored bucket counts");
        }
        return b - '0';
    }

    private static int digits(long value) {
        int digits = 1;
        while (value >= 10) {
            value /= 10;
            digits++;
        }
        return digits;
    }
}
