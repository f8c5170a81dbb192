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
}
