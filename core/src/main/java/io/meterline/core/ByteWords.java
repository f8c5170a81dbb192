package io.meterline.core;

import java.lang.reflect.Field;
import java.nio.ByteOrder;

/**
 * Eight bytes of a byte array at a time, for the stored histogram texts a read decodes by the
 * tens of thousands ({@link HistogramBuckets}, {@link FixedWidthBucketText}). Callers make sure
 * the eight bytes lie in the array: storage hands rows over with a word of room past their end.
 */
final class ByteWords {

    /**
     * One unaligned load: a byte-array VarHandle, deep in a query's inlining, was left a call (a
     * profile showed {@code Unsafe.getLongUnaligned} as its own frame) and eight byte loads cost as
     * much as the byte loop this replaces.
     */
    private static final sun.misc.Unsafe UNSAFE = unsafe();
    private static final long BYTES_BASE = UNSAFE.arrayBaseOffset(byte[].class);
    private static final boolean LITTLE_ENDIAN = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;

    private ByteWords() {
    }

    /** The eight bytes from {@code i}, the first in the lowest byte. */
    static long word(byte[] b, int i) {
        long word = UNSAFE.getLong(b, BYTES_BASE + i);
        return LITTLE_ENDIAN ? word : Long.reverseBytes(word);
    }

    /** Eight digit values, the most significant in the lowest byte, as one number (the usual SWAR steps). */
    static long eightDigits(long values) {
        long pairs = (values * (10 << 8 | 1)) >>> 8 & 0x00FF00FF00FF00FFL;
        long quads = (pairs * (100 << 16 | 1)) >>> 16 & 0x0000FFFF0000FFFFL;
        return (quads * (10_000L << 32 | 1)) >>> 32;
    }

    /** The number written by the {@code width} (1–8) decimal digits from {@code i}; refuses any other byte. */
    static long digits(byte[] b, int i, int width) {
        long values = word(b, i) ^ 0x3030303030303030L; // '0'..'9' become 0..9
        values &= width == Long.BYTES ? -1L : (1L << (8 * width)) - 1;
        long notDigits = values & 0xF0F0F0F0F0F0F0F0L
                | (values & 0x0F0F0F0F0F0F0F0FL) + 0x0606060606060606L & 0xF0F0F0F0F0F0F0F0L;
        if (notDigits != 0) {
            throw new NumberFormatException("not a digit in stored bucket counts");
        }
        return eightDigits(values << (8 * (Long.BYTES - width)));
    }

    private static sun.misc.Unsafe unsafe() {
        try {
            Field field = sun.misc.Unsafe.class.getDeclaredField("theUnsafe");
            field.setAccessible(true);
            return (sun.misc.Unsafe) field.get(null);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
