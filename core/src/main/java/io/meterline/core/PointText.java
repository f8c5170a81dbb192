package io.meterline.core;

import java.util.Objects;

/**
 * The JSON text a point was read from, as a slice of the request body: a whole point object that
 * names its metric and its timestamp, so it is already what a record on the points topic holds.
 */
public record PointText(byte[] bytes, int offset, int length) {

    public PointText {
        Objects.requireNonNull(bytes);
        Objects.checkFromIndexSize(offset, length, bytes.length);
    }

    /**
     * The slice as a point's text when it is exactly one UTF-8 object, {@code {…}}; else null (the
     * point is written anew). Texts are joined into arrays byte by byte, so a slice that opens with
     * a byte-order mark, is UTF-16 or UTF-32 (a line split out of such a body still parses alone:
     * Jackson detects the encoding per slice) or has whitespace around it must not be taken as is.
     */
    public static PointText ofObject(byte[] bytes, int offset, int length) {
        return length >= 2 && bytes[offset] == '{' && bytes[offset + length - 1] == '}'
                ? new PointText(bytes, offset, length) : null;
    }
}
