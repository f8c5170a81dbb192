package io.meterline.storage;

/**
 * A query's answer, one row at a time, read by column position (0-based). The reading code
 * (series index, tier rows, raw pages) is written once against this and serves both the embedded
 * engine's cursors and a QuestDB server's PGWire result sets.
 */
interface Rows {

    /** Moves to the next row; false when there is none. */
    boolean next();

    /** Epoch microseconds; Long.MIN_VALUE for null. */
    long micros(int column);

    String symbol(int column);

    /**
     * A small non-negative number per distinct symbol within one answer (embedded: the symbol's
     * key in its table), to index arrays with where a map lookup per row would cost more than the row.
     */
    int symbolIndex(int column);

    String varchar(int column);

    /**
     * The varchar's UTF-8 bytes, valid only until the next row (embedded: copied into one array
     * reused for every row, so decoding a histogram row makes no String); null for null.
     */
    default VarcharBytes varcharBytes(int column) {
        String text = varchar(column);
        return text == null ? null : VarcharBytes.of(text);
    }

    /** NaN for null. */
    double number(int column);

    /** Long.MIN_VALUE for null. */
    long integer(int column);

    interface Reader<T> {
        T read(Rows rows);
    }
}
