package io.meterline.core;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
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

    /**
     * The number of buckets; with {@link #bound(int)} and {@link #count(int)}, the buckets in
     * ascending order without a boxed entry each (a Q3 answer writes 12,000 of them).
     */
    public int bucketCount() {
        return ((BucketCounts) counts).size;
    }

    public double bound(int i) {
        return ((BucketCounts) counts).bounds[i];
    }

    public long count(int i) {
        return ((BucketCounts) counts).counts[i];
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

    /**
     * The text storage keeps ({@link FixedWidthBucketText}); empty for no buckets. Rows stored
     * before it in the {@code bound:count;bound:count} form still decode.
     */
    public String encode() {
        BucketCounts c = (BucketCounts) counts;
        return c.size == 0 ? "" : FixedWidthBucketText.encode(c.bounds, c.counts, c.size);
    }

    /**
     * The bound texts, their values and the bounds array of the last text decoded on this thread:
     * rows of one metric repeat the same bounds in the same order. Comparing a bound's text is
     * several times cheaper than parsing it, and rows with the very same bounds share one array,
     * which lets {@link BucketCounts#plus} add them position by position (Q3 reads tens of
     * thousands of rows).
     */
    private static final ThreadLocal<DecodedBounds> LAST_BOUNDS = ThreadLocal.withInitial(DecodedBounds::new);

    private static final class DecodedBounds {
        final byte[][] texts = new byte[64][];
        final double[] values = new double[64];
        double[] array = new double[0];
        /** The bound texts of {@link #array}, in order. */
        byte[][] arrayTexts = new byte[0][];

        /**
         * Each bound of {@link #array} with its ':' as one little-endian word, and the mask of the
         * word's bytes; null when a bound text and its ':' are longer than 8 bytes.
         */
        long[] boundWords;
        long[] boundMasks;
        int[] boundLengths;

        void remember(double[] bounds, byte[][] texts) {
            array = bounds;
            arrayTexts = texts;
            boundWords = new long[texts.length];
            boundMasks = new long[texts.length];
            boundLengths = new int[texts.length];
            for (int p = 0; p < texts.length; p++) {
                int length = texts[p].length + 1;
                if (length > Long.BYTES) {
                    boundWords = null;
                    return;
                }
                long word = (long) ':' << (8 * texts[p].length);
                for (int i = 0; i < texts[p].length; i++) {
                    word |= (texts[p][i] & 0xFFL) << (8 * i);
                }
                boundWords[p] = word;
                boundMasks[p] = length == Long.BYTES ? -1L : (1L << (8 * length)) - 1;
                boundLengths[p] = length;
            }
        }

        /**
         * The counts of a text whose bounds are exactly {@link #array}'s, read in one pass that
         * compares each bound's bytes and parses each count in place; null for any other text
         * (other bounds, a count that isn't plain digits), which the general path then reads.
         */
        long[] countsIfSameBounds(byte[] text, int length) {
            if (arrayTexts.length == 0) {
                return null;
            }
            // eight bytes at a time where the array has room to read a word past the text's end
            return boundWords != null && text.length - length >= Long.BYTES
                    ? countsByWords(text, length) : countsByBytes(text, length);
        }

        /**
         * As {@link #countsByBytes}, a word at a time: a bound with its ':' is one masked compare,
         * and up to eight digits of a count are found and converted without a loop (Q3 decodes
         * 50,000 texts of twelve pairs; byte by byte this was half of its CPU).
         */
        private long[] countsByWords(byte[] text, int length) {
            int n = boundWords.length;
            long[] counts = new long[n];
            int pos = 0;
            for (int p = 0; p < n; p++) {
                if (pos + boundLengths[p] >= length
                        || (ByteWords.word(text, pos) & boundMasks[p]) != boundWords[p]) {
                    return null; // no digit after the ':' fits, or another bound
                }
                pos += boundLengths[p];
                long values = ByteWords.word(text, pos) ^ 0x3030303030303030L; // '0'..'9' become 0..9
                long notDigits = values & 0xF0F0F0F0F0F0F0F0L
                        | (values & 0x0F0F0F0F0F0F0F0FL) + 0x0606060606060606L & 0xF0F0F0F0F0F0F0F0L;
                int digits = Math.min(Long.numberOfTrailingZeros(notDigits) >>> 3, length - pos);
                if (digits == 0) {
                    return null;
                }
                long value = ByteWords.eightDigits(values << (8 * (Long.BYTES - digits)));
                pos += digits;
                if (digits == Long.BYTES) { // a longer count: the rest a digit at a time
                    while (pos < length && text[pos] >= '0' && text[pos] <= '9') {
                        if (++digits > 18) {
                            return null;
                        }
                        value = value * 10 + (text[pos++] - '0');
                    }
                }
                counts[p] = value;
                if (p < n - 1 ? pos >= length || text[pos] != ';' : pos != length) {
                    return null;
                }
                pos++;
            }
            return counts;
        }

        private long[] countsByBytes(byte[] text, int length) {
            int n = arrayTexts.length;
            long[] counts = new long[n];
            int pos = 0;
            for (int p = 0; p < n; p++) {
                byte[] bound = arrayTexts[p];
                int colon = pos + bound.length;
                if (colon >= length || text[colon] != ':') {
                    return null;
                }
                // bound texts are a few bytes: a plain loop beats Arrays.equals' vectorized call here
                for (int i = 0; i < bound.length; i++) {
                    if (text[pos + i] != bound[i]) {
                        return null;
                    }
                }
                pos = colon + 1;
                int digitsFrom = pos;
                long value = 0;
                while (pos < length && text[pos] != ';') {
                    int digit = text[pos] - '0';
                    if (digit < 0 || digit > 9) {
                        return null;
                    }
                    value = value * 10 + digit;
                    pos++;
                }
                if (pos == digitsFrom || pos - digitsFrom > 18) {
                    return null;
                }
                counts[p] = value;
                pos++; // past the ';' (or the end)
            }
            return pos == length + 1 ? counts : null; // the last pair ended the text: no pairs beyond
        }
    }

    /** Reads what {@link #encode()} wrote, or the older {@code bound:count;…} form. */
    public static HistogramBuckets decode(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return decode(bytes, bytes.length);
    }

    /**
     * Reads what {@link #encode()} wrote, from its UTF-8 bytes {@code [0, length)} (storage copies a
     * row's bytes into one reused array: no String per row), without a substring per pair.
     */
    public static HistogramBuckets decode(byte[] text, int length) {
        if (length == 0) {
            return new HistogramBuckets(BucketCounts.EMPTY);
        }
        if (text[0] == FixedWidthBucketText.MARK) {
            return FixedWidthBucketText.decode(text, length);
        }
        DecodedBounds last = LAST_BOUNDS.get();
        long[] sameBoundsCounts = last.countsIfSameBounds(text, length);
        if (sameBoundsCounts != null) {
            return new HistogramBuckets(new BucketCounts(last.array, sameBoundsCounts, sameBoundsCounts.length));
        }
        int pairs = 1;
        for (int i = 0; i < length; i++) {
            if (text[i] == ';') {
                pairs++;
            }
        }
        boolean sameBounds = last.array.length == pairs;
        double[] bounds = new double[pairs];
        long[] counts = new long[pairs];
        int start = 0;
        for (int p = 0; p < pairs; p++) {
            int end = indexOf(text, (byte) ';', start, length);
            int colon = lastIndexOf(text, (byte) ':', end - 1, start);
            boolean seen = p < last.texts.length && last.texts[p] != null
                    && Arrays.equals(text, start, colon, last.texts[p], 0, last.texts[p].length);
            if (seen) {
                bounds[p] = last.values[p];
            } else {
                bounds[p] = parseBound(new String(text, start, colon - start, StandardCharsets.UTF_8));
                if (p < last.texts.length) {
                    last.texts[p] = Arrays.copyOfRange(text, start, colon);
                    last.values[p] = bounds[p];
                }
            }
            sameBounds = sameBounds && seen && last.array[p] == bounds[p];
            counts[p] = count(text, colon + 1, end);
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
        if (sameBounds) {
            bounds = last.array;
        } else if (pairs <= last.texts.length) {
            last.remember(bounds, Arrays.copyOf(last.texts, pairs));
        }
        return new HistogramBuckets(new BucketCounts(bounds, counts, pairs));
    }

    /** A non-negative decimal count, as encode() writes it. */
    private static long count(byte[] text, int from, int to) {
        if (from >= to || to - from > 18) {
            return Long.parseLong(new String(text, from, to - from, StandardCharsets.UTF_8)); // words the error, or a huge count
        }
        long value = 0;
        for (int i = from; i < to; i++) {
            int digit = text[i] - '0';
            if (digit < 0 || digit > 9) {
                return Long.parseLong(new String(text, from, to - from, StandardCharsets.UTF_8));
            }
            value = value * 10 + digit;
        }
        return value;
    }

    private static int indexOf(byte[] text, byte b, int from, int length) {
        for (int i = from; i < length; i++) {
            if (text[i] == b) {
                return i;
            }
        }
        return length;
    }

    private static int lastIndexOf(byte[] text, byte b, int from, int floor) {
        for (int i = from; i >= floor; i--) {
            if (text[i] == b) {
                return i;
            }
        }
        throw new NumberFormatException("no ':' in a stored bucket pair");
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
        // -0 is the bound 0: as a key of its own beside 0, both were written "0" and stored twice
        return bound + 0.0;
    }
}
