package io.meterline.storage;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link Rows} over a list of rows given as column values (Long for timestamps and integers, String
 * for symbols and varchars, Double for numbers, NaN for null), for testing the row mergers without
 * a database.
 */
final class ColumnRows implements Rows {

    private final List<Object[]> rows;
    private final Map<Object, Integer> symbolIndexes = new HashMap<>();
    private int at = -1;

    ColumnRows(List<Object[]> rows) {
        this.rows = rows;
    }

    /** This row alone, positioned on it. */
    static Rows of(Object[] row) {
        ColumnRows one = new ColumnRows(List.<Object[]>of(row));
        one.next();
        return one;
    }

    @Override
    public boolean next() {
        return ++at < rows.size();
    }

    private Object cell(int column) {
        return rows.get(at)[column];
    }

    @Override
    public long micros(int column) {
        return (Long) cell(column);
    }

    @Override
    public String symbol(int column) {
        return (String) cell(column);
    }

    @Override
    public int symbolIndex(int column) {
        return symbolIndexes.computeIfAbsent(cell(column), k -> symbolIndexes.size());
    }

    @Override
    public String varchar(int column) {
        return (String) cell(column);
    }

    @Override
    public double number(int column) {
        return (Double) cell(column);
    }

    @Override
    public long integer(int column) {
        return (Long) cell(column);
    }
}
