package io.meterline.storage;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A varchar's UTF-8 bytes: {@code [0, length)} of an array that may be reused for the next row. */
final class VarcharBytes {

    private byte[] array;
    private int length;

    VarcharBytes(int capacity) {
        this.array = new byte[capacity];
    }

    static VarcharBytes of(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        VarcharBytes out = new VarcharBytes(0);
        out.array = bytes;
        out.length = bytes.length;
        return out;
    }

    /**
     * Makes room for {@code size} bytes (the old content is dropped) and returns the array to fill.
     * The array has a word more than the text, so a reader may load eight bytes at any position of
     * the text ({@code HistogramBuckets.decode} does).
     */
    byte[] resize(int size) {
        if (array.length < size + Long.BYTES) {
            array = Arrays.copyOf(array, Math.max(size + Long.BYTES, array.length * 2));
        }
        length = size;
        return array;
    }

    byte[] array() {
        return array;
    }

    int length() {
        return length;
    }
}
