package io.meterline.storage;

import io.questdb.cairo.sql.PageFrame;
import io.questdb.cairo.sql.PageFrameCursor;
import io.questdb.cairo.sql.PartitionFormat;
import io.questdb.cairo.sql.SymbolTable;
import io.questdb.std.Unsafe;

/**
 * One metric's rows of a table read straight from the column memory of the table's page frames,
 * the metric filter done here on the symbol keys. For reads of a whole metric, millions of rows:
 * through a record cursor each column read of each row was a few virtual calls and address
 * lookups, most of a downsampled read's time; here it is one memory read. Fixed-width columns
 * only (timestamps, doubles, longs, symbols), and frames in QuestDB's native format only (see
 * {@link #allNative}). Column positions are the query's.
 */
final class PageFrameRows implements Rows {

    private final PageFrameCursor frames;
    private final int metricColumn;
    private final int metricKey;
    private final long[] addresses;
    private long rowCount;
    private long row = -1;
    private boolean done;

    /**
     * @param metricColumn the query column holding the metric symbol
     * @param metric the metric whose rows are read; the others are skipped
     */
    PageFrameRows(PageFrameCursor frames, int columnCount, int metricColumn, String metric) {
        this.frames = frames;
        this.metricColumn = metricColumn;
        this.metricKey = frames.getSymbolTable(metricColumn).keyOf(metric);
        this.addresses = new long[columnCount];
    }

    /**
     * Whether every frame is in native format (a Parquet partition is not), the cursor then back
     * at its start. Looking costs no row reads.
     */
    static boolean allNative(PageFrameCursor frames) {
        try {
            for (PageFrame frame = frames.next(); frame != null; frame = frames.next()) {
                if (frame.getFormat() != PartitionFormat.NATIVE) {
                    return false;
                }
            }
            return true;
        } finally {
            frames.toTop();
        }
    }

    @Override
    public boolean next() {
        while (true) {
            while (++row < rowCount) {
                if (isMetricRow(row)) {
                    return true;
                }
            }
            if (!nextFrame()) {
                return false;
            }
        }
    }

    /**
     * Moves to the next page frame, for a reader that goes through a frame's column memory itself
     * ({@link #frameRows}, {@link #isMetricRow}, {@link #micros(int, long)} …) instead of row by row; false
     * when there is none. A reader uses one way or the other, not both.
     */
    boolean nextFrame() {
        if (metricKey < 0 || done) { // not in the table: no row
            return false;
        }
        PageFrame frame = frames.next();
        if (frame == null) {
            done = true; // asked again, the cursor would not promise null
            return false;
        }
        if (frame.getFormat() != PartitionFormat.NATIVE) {
            throw new IllegalStateException("a page frame not in native format; check allNative first");
        }
        for (int c = 0; c < addresses.length; c++) {
            addresses[c] = frame.getPageAddress(c); // 0 where the column is all nulls (added later)
        }
        // a metric column of nulls (a column top) holds no metric's rows
        rowCount = addresses[metricColumn] == 0 ? 0 : frame.getPartitionHi() - frame.getPartitionLo();
        row = -1;
        return true;
    }

    /** The current frame's rows, of every metric in it. */
    long frameRows() {
        return rowCount;
    }

    /** Whether the current frame's row (0-based, every metric's rows counted) is of the metric read. */
    boolean isMetricRow(long frameRow) {
        return Unsafe.getUnsafe().getInt(addresses[metricColumn] + (frameRow << 2)) == metricKey;
    }

    /** As {@link #micros(int)}, of the current frame's row. */
    long micros(int column, long frameRow) {
        long address = addresses[column];
        return address == 0 ? Long.MIN_VALUE : Unsafe.getUnsafe().getLong(address + (frameRow << 3));
    }

    /** As {@link #integer(int)}, of the current frame's row. */
    long integer(int column, long frameRow) {
        return micros(column, frameRow);
    }

    /** As {@link #number(int)}, of the current frame's row. */
    double number(int column, long frameRow) {
        long address = addresses[column];
        return address == 0 ? Double.NaN : Unsafe.getUnsafe().getDouble(address + (frameRow << 3));
    }

    /** As {@link #symbolIndex(int)}, of the current frame's row. */
    int symbolKey(int column, long frameRow) {
        long address = addresses[column];
        return address == 0 ? SymbolTable.VALUE_IS_NULL : Unsafe.getUnsafe().getInt(address + (frameRow << 2));
    }

    /** The symbol of a key of the column, null for none. */
    String symbolOf(int column, int key) {
        if (key == SymbolTable.VALUE_IS_NULL) {
            return null;
        }
        CharSequence value = frames.getSymbolTable(column).valueOf(key);
        return value == null ? null : value.toString();
    }

    @Override
    public long micros(int column) {
        return micros(column, row);
    }

    @Override
    public String symbol(int column) {
        return symbolOf(column, symbolIndex(column));
    }

    @Override
    public int symbolIndex(int column) {
        return symbolKey(column, row);
    }

    @Override
    public String varchar(int column) {
        throw new UnsupportedOperationException("page frame rows read fixed-width columns only");
    }

    @Override
    public double number(int column) {
        return number(column, row);
    }

    @Override
    public long integer(int column) {
        return micros(column); // both 8-byte longs, null Long.MIN_VALUE
    }
}
