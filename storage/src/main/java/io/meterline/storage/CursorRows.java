package io.meterline.storage;

import io.questdb.cairo.sql.Record;
import io.questdb.cairo.sql.RecordCursor;
import io.questdb.std.Unsafe;
import io.questdb.std.str.DirectUtf8Sequence;
import io.questdb.std.str.Utf8Sequence;
import io.questdb.std.str.Utf8s;

/** The embedded engine's cursor as {@link Rows}: nulls come as QuestDB stores them (MIN_VALUE, NaN). */
final class CursorRows implements Rows {

    private final RecordCursor cursor;
    private final Record record;
    private final VarcharBytes bytes = new VarcharBytes(256);

    CursorRows(RecordCursor cursor) {
        this.cursor = cursor;
        this.record = cursor.getRecord();
    }

    @Override
    public boolean next() {
        return cursor.hasNext();
    }

    @Override
    public long micros(int column) {
        return record.getTimestamp(column);
    }

    @Override
    public String symbol(int column) {
        return record.getSymA(column).toString();
    }

    @Override
    public int symbolIndex(int column) {
        return record.getInt(column);
    }

    @Override
    public VarcharBytes varcharBytes(int column) {
        Utf8Sequence text = record.getVarcharA(column);
        if (text == null) {
            return null;
        }
        int size = text.size();
        byte[] into = bytes.resize(size);
        // a direct sequence's bytes lie from ptr() on (a table read hands out Utf8SplitString);
        // other sequences may keep a header at ptr() (group-by sinks), so they are read per byte
        if (text instanceof DirectUtf8Sequence direct) {
            Unsafe.getUnsafe().copyMemory(null, direct.ptr(), into, Unsafe.BYTE_OFFSET, size);
        } else {
            for (int i = 0; i < size; i++) {
                into[i] = text.byteAt(i);
            }
        }
        return bytes;
    }

    @Override
    public String varchar(int column) {
        return Utf8s.toString(record.getVarcharA(column));
    }

    @Override
    public double number(int column) {
        return record.getDouble(column);
    }

    @Override
    public long integer(int column) {
        return record.getLong(column);
    }
}
