package io.meterline.storage;

import io.meterline.core.TimeRange;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds "points of one metric in a time range, of some series" queries. The SQL text holds
 * only constants and placeholders; the metric, the bounds and the series are bound values.
 */
final class RangeQuery {

    /** Stands in for an open end; 9999-12-31T23:59:59.999999Z, far beyond any point. */
    private static final long OPEN_END_MICROS = 253_402_300_799_999_999L;

    final String sql;
    final Binds binds;

    private RangeQuery(String sql, Binds binds) {
        this.sql = sql;
        this.binds = binds;
    }

    /** {@code SELECT <columns> FROM <table> WHERE metric = $1 AND ts BETWEEN $2 AND $3 [AND series IN (…)] <tail>} */
    static RangeQuery of(String columns, String table, String metric, TimeRange range, SeriesSelection selection, String tail) {
        StringBuilder sql = new StringBuilder("SELECT ").append(columns).append(" FROM ").append(table)
                .append(" WHERE metric = $1 AND ts >= $2 AND ts <= $3");
        Binds binds = new Binds().str(metric).timestamp(lowMicros(range)).timestamp(highMicros(range));
        List<String> series = padded(selection.inList());
        if (!series.isEmpty()) {
            sql.append(" AND series IN (");
            for (int i = 0; i < series.size(); i++) {
                sql.append(i == 0 ? "$" : ", $").append(i + 4);
            }
            sql.append(')');
            binds.strs(series);
        }
        return new RangeQuery(sql.append(tail).toString(), binds);
    }

    /**
     * Rounds the list up to a power of two with empty texts, which match no series (a series text is
     * a JSON object), so that at most a dozen distinct SQL texts (and cached factories) exist per
     * query kind, whatever the number of series.
     */
    static List<String> padded(List<String> series) {
        if (series.isEmpty()) {
            return series;
        }
        int size = Integer.highestOneBit(series.size());
        size = size == series.size() ? size : size << 1;
        List<String> out = new ArrayList<>(size);
        out.addAll(series);
        while (out.size() < size) {
            out.add("");
        }
        return out;
    }

    /** Every row of one metric in the range, all its series, oldest first. */
    static RangeQuery wholeMetric(String columns, String table, String metric, TimeRange range) {
        return of(columns, table, metric, range, SeriesSelection.all(), " ORDER BY ts");
    }

    /** The range's first microsecond, inclusive; 0 for an open start. */
    static long lowMicros(TimeRange range) {
        return range.start() == null ? 0L : startMicros(range.start());
    }

    /** The range's last microsecond, inclusive; far in the future for an open end. */
    static long highMicros(TimeRange range) {
        return range.end() == null ? OPEN_END_MICROS : endMicros(range.end());
    }

    /** Points are whole milliseconds; an inclusive start with a sub-microsecond part rounds up. */
    static long startMicros(Instant start) {
        long micros = Math.multiplyExact(start.getEpochSecond(), 1_000_000L) + start.getNano() / 1000;
        return start.getNano() % 1000 == 0 ? micros : micros + 1;
    }

    static long endMicros(Instant end) {
        return Math.multiplyExact(end.getEpochSecond(), 1_000_000L) + end.getNano() / 1000;
    }
}
