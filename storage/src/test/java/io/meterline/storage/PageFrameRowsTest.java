package io.meterline.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.questdb.cairo.CairoEngine;
import io.questdb.cairo.security.AllowAllSecurityContext;
import io.questdb.cairo.sql.PageFrame;
import io.questdb.cairo.sql.PageFrameCursor;
import io.questdb.cairo.sql.PartitionFrameCursorFactory;
import io.questdb.cairo.sql.RecordCursorFactory;
import io.questdb.griffin.SqlExecutionContextImpl;
import io.questdb.griffin.engine.functions.bind.BindVariableServiceImpl;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rows read from page frames, the metric filtered in Java, must be the rows the filtered SQL
 * gives, in the same order: over several metrics, partitions, rows written out of order, equal
 * timestamps, a column added after the first rows (a column top) and time ranges cutting
 * partitions; and they must really come from the frames.
 */
class PageFrameRowsTest {

    private static final long DAY = 86_400_000_000L;
    private static final long T0 = 1_795_000_000_000_000L / DAY * DAY;
    private static final String COLUMNS = "ts, series, value, n, extra";

    @Test
    void givesTheFilteredQuerysRowsInItsOrder(@TempDir Path root) throws Exception {
        try (CairoEngine engine = new CairoEngine(new EmbeddedCairoConfiguration(root.toString()));
             SqlExecutionContextImpl ddl = new SqlExecutionContextImpl(engine, 1);
             QuerySession session = new QuerySession(engine)) {
            ddl.with(AllowAllSecurityContext.INSTANCE, new BindVariableServiceImpl(engine.getConfiguration()));
            engine.execute("CREATE TABLE t (ts TIMESTAMP, metric SYMBOL, series SYMBOL, value DOUBLE, n LONG)"
                    + " TIMESTAMP(ts) PARTITION BY DAY BYPASS WAL", ddl);
            Random random = new Random(3);
            insert(engine, ddl, random, 400, 0, false);
            engine.execute("ALTER TABLE t ADD COLUMN extra DOUBLE", ddl);
            // rows after the column's addition only from the third day on: the first two days' partitions
            // stay as they were, a column top (no memory for the column: address 0 in their frames)
            insert(engine, ddl, random, 400, 2, true);
            assertThat(framesWithoutColumn(engine, ddl, "extra")).as("frames of a column top").isPositive();

            long[][] ranges = {{0, Long.MAX_VALUE / 2}, {T0 + DAY / 2, T0 + 2 * DAY + 7}, {T0 + DAY, T0 + DAY},
                {T0 - DAY, T0 - 1}, {T0 + 2 * DAY + DAY / 3, T0 + 4 * DAY}};
            int framed = 0;
            for (String metric : List.of("a", "b", "c", "absent")) {
                for (long[] range : ranges) {
                    Binds all = new Binds().str(metric).timestamp(range[0]).timestamp(range[1]);
                    List<String> expected = session.query("SELECT " + COLUMNS + " FROM t WHERE metric = $1"
                            + " AND ts >= $2 AND ts <= $3 ORDER BY ts", all, PageFrameRowsTest::rows);
                    List<String> actual = session.queryFrames("SELECT " + COLUMNS + ", metric FROM t"
                                    + " WHERE ts >= $1 AND ts <= $2", new Binds().timestamp(range[0]).timestamp(range[1]),
                            metric, PageFrameRowsTest::rows, () -> {
                                throw new AssertionError("not read from page frames");
                            });
                    assertThat(actual).as("%s in %s..%s", metric, range[0], range[1]).isEqualTo(expected);
                    framed += actual.size();
                }
            }
            assertThat(framed).isGreaterThan(500);
        }
    }

    /** Rows from day {@code fromDay} (of four) on, in random order; some values and counts null. */
    private static void insert(CairoEngine engine, SqlExecutionContextImpl ddl, Random random, int count,
                               int fromDay, boolean extra) throws Exception {
        StringBuilder sql = new StringBuilder("INSERT INTO t VALUES ");
        for (int i = 0; i < count; i++) {
            long ts = T0 + fromDay * DAY + random.nextInt((4 - fromDay) * 24 * 60) * 60_000_000L;
            String value = random.nextInt(10) == 0 ? "null" : Double.toString(random.nextGaussian());
            String n = random.nextInt(10) == 0 ? "null" : Long.toString(random.nextInt(1000));
            sql.append(i == 0 ? "" : ", ").append("(").append(ts).append("::timestamp, '")
                    .append("abc".charAt(random.nextInt(3))).append("', 's").append(random.nextInt(7)).append("', ")
                    .append(value).append(", ").append(n);
            if (extra) {
                sql.append(", ").append(random.nextInt(5) == 0 ? "null" : Double.toString(random.nextDouble()));
            }
            sql.append(")");
        }
        engine.execute(sql.toString(), ddl);
    }

    private static int framesWithoutColumn(CairoEngine engine, SqlExecutionContextImpl context, String column)
            throws Exception {
        int count = 0;
        try (RecordCursorFactory factory = engine.select("SELECT " + column + " FROM t", context);
             PageFrameCursor frames = factory.getPageFrameCursor(context, PartitionFrameCursorFactory.ORDER_ASC)) {
            for (PageFrame frame = frames.next(); frame != null; frame = frames.next()) {
                if (frame.getPageAddress(0) == 0) {
                    count++;
                }
            }
        }
        return count;
    }

    private static List<String> rows(Rows r) {
        List<String> out = new ArrayList<>();
        while (r.next()) {
            out.add(r.micros(0) + " " + r.symbol(1) + "#" + r.symbolIndex(1) + " " + r.number(2) + " " + r.integer(3)
                    + " " + r.number(4));
        }
        return out;
    }
}
