package io.meterline.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.meterline.core.LabelFilter;
import io.meterline.core.MetricDefinition;
import io.meterline.core.MetricType;
import io.meterline.core.Point;
import io.meterline.core.TimeRange;
import io.meterline.core.storage.MetricStore;
import io.meterline.core.storage.PointWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The storage contract on an embedded engine, plus what only an embedded store can show. */
class EmbeddedQuestDbStoreTest extends MetricStoreContract {

    @TempDir
    static Path root;
    private static QuestDbMetricStore store;

    @BeforeAll
    static void open() {
        store = new QuestDbMetricStore(root.resolve("shared"), new StorageSettings(Duration.ofDays(30)));
    }

    @AfterAll
    static void close() {
        store.close();
    }

    @Override
    protected MetricStore store() {
        return store;
    }

    @Override
    protected void awaitVisible() {
        store.awaitApplied();
    }

    @Test
    void reopeningTheFolderKeepsTheData(@TempDir Path folder) {
        MetricDefinition m = metric(MetricType.GAUGE, "host");
        Point p = gauge(m, labels("host", "a"), 1, 1.5);
        try (QuestDbMetricStore first = new QuestDbMetricStore(folder)) {
            try (PointWriter writer = first.openWriter()) {
                writer.write(p);
                writer.commit();
            }
            first.awaitApplied();
        }
        try (QuestDbMetricStore second = new QuestDbMetricStore(folder)) {
            assertThat(second.reader().readRaw(m, TimeRange.ALL, LabelFilter.NONE, 10).points()).containsExactly(p);
            assertThat(second.reader().labelValues(m)).containsEntry("host", java.util.List.of("a"));
        }
    }

    @Test
    void aTableQuestDbSuspendedIsResumedAndItsPointsBecomeVisible(@TempDir Path folder) throws Exception {
        MetricDefinition m = metric(MetricType.GAUGE, "host");
        Point before = gauge(m, labels("host", "a"), 1, 1.5);
        Point after = gauge(m, labels("host", "a"), 2, 2.5);
        try (QuestDbMetricStore s = new QuestDbMetricStore(folder)) {
            stored(s, before);
            // as QuestDB does when applying fails, e.g. on a full disk
            s.engine().getTableSequencerAPI().suspendTable(s.engine().verifyTableName("gauge_raw"),
                    io.questdb.cairo.ErrorTag.DISK_FULL, "No space left on device");
            assertThat(s.check().up()).isFalse();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!s.check().up() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(s.check().up()).as(s.check().detail()).isTrue();
            stored(s, after);
            assertThat(s.reader().readRaw(m, TimeRange.ALL, LabelFilter.NONE, 10).points()).containsExactly(before, after);
        }
    }

    @Test
    void aTableSuspendedForACauseThatDoesNotPassIsLeftToAnOperator(@TempDir Path folder) throws Exception {
        try (QuestDbMetricStore s = new QuestDbMetricStore(folder)) {
            stored(s, gauge(metric(MetricType.GAUGE, "host"), labels("host", "a"), 1, 1.5));
            s.engine().getTableSequencerAPI().suspendTable(s.engine().verifyTableName("gauge_raw"),
                    io.questdb.cairo.ErrorTag.UNSUPPORTED_FILE_SYSTEM, "not a file system QuestDB supports");
            assertThat(s.check().up()).isFalse();
            Thread.sleep(2 * SuspendedTableResumer.FIRST_WAIT_MS + 1_000); // past the first resume's time
            assertThat(s.check().up()).isFalse();
            assertThat(s.check().detail()).contains("gauge_raw");
        }
    }

    @Test
    void tablesMadeBeforeTheSeriesIndexGetItWhenOpened(@TempDir Path folder) throws Exception {
        MetricDefinition m = metric(MetricType.GAUGE, "host");
        Point a = gauge(m, labels("host", "a"), 1, 1.5);
        Point b = gauge(m, labels("host", "b"), 2, 2.5);
        try (QuestDbMetricStore first = new QuestDbMetricStore(folder)) {
            ddl(first, "ALTER TABLE gauge_raw ALTER COLUMN series DROP INDEX"); // as tables were made before
            try (PointWriter writer = first.openWriter()) {
                writer.write(a);
                writer.write(b);
                writer.commit();
            }
            first.awaitApplied();
            assertThat(seriesIndexed(first, "gauge_raw")).isZero();
        }
        try (QuestDbMetricStore second = new QuestDbMetricStore(folder)) {
            second.awaitApplied();
            for (String table : Schema.indexedTables()) {
                assertThat(seriesIndexed(second, table)).as(table).isEqualTo(1);
            }
            assertThat(second.reader().readRaw(m, TimeRange.ALL, filter("host", "b"), 10).points()).containsExactly(b);
        }
    }

    /**
     * The series symbol tables start at 65,536 entries and QuestDB doubles them at 80 % full; the
     * growth makes cached query plans stale, and reads from before and after it agree.
     */
    @Test
    void moreSeriesThanTheFirstSymbolCapacityAreStoredAndRead(@TempDir Path folder) throws Exception {
        MetricDefinition m = metric(MetricType.GAUGE, "host");
        int series = 60_000;
        try (QuestDbMetricStore fresh = new QuestDbMetricStore(folder)) {
            Point first = gauge(m, labels("host", "h0"), 1, 0.5);
            try (PointWriter writer = fresh.openWriter()) {
                writer.write(first);
                writer.commit();
            }
            fresh.awaitApplied();
            // compiles and caches the filtered read that must survive the growth
            assertThat(fresh.reader().readRaw(m, TimeRange.ALL, filter("host", "h0"), 10).points()).containsExactly(first);

            try (PointWriter writer = fresh.openWriter()) {
                for (int i = 1; i < series; i++) {
                    writer.write(gauge(m, labels("host", "h" + i), 2, i));
                }
                writer.commit();
            }
            fresh.awaitApplied();

            // QuestDB grows the table after the commit that filled it, on its apply thread
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
            while (symbolCapacity(fresh, "gauge_raw") <= 65_536 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(symbolCapacity(fresh, "gauge_raw")).isGreaterThan(65_536);
            assertThat(fresh.reader().readRaw(m, TimeRange.ALL, filter("host", "h0"), 10).points()).containsExactly(first);
            assertThat(fresh.reader().readRaw(m, TimeRange.ALL, filter("host", "h" + (series - 1)), 10).points())
                    .containsExactly(gauge(m, labels("host", "h" + (series - 1)), 2, series - 1));
            assertThat(fresh.reader().readRaw(m, TimeRange.ALL, LabelFilter.NONE, 100_000).points()).hasSize(series);
        }
    }

    private static long symbolCapacity(QuestDbMetricStore store, String table) {
        return store.queries().query("SELECT symbolCapacity::long FROM table_columns('" + table + "') WHERE \"column\" = 'series'",
                new Binds(), r -> r.next() ? r.integer(0) : -1);
    }

    private static long seriesIndexed(QuestDbMetricStore store, String table) {
        return store.queries().query(Schema.seriesIndexed(table), new Binds(), r -> r.next() ? r.integer(0) : -1);
    }

    /** Writes and commits the points, and waits until they are visible. */
    private static void stored(QuestDbMetricStore store, Point... points) {
        try (PointWriter writer = store.openWriter()) {
            for (Point p : points) {
                writer.write(p);
            }
            writer.commit();
        }
        store.awaitApplied();
    }

    private static void ddl(QuestDbMetricStore store, String sql) throws Exception {
        try (io.questdb.griffin.SqlExecutionContextImpl ctx = new io.questdb.griffin.SqlExecutionContextImpl(store.engine(), 1)) {
            ctx.with(io.questdb.cairo.security.AllowAllSecurityContext.INSTANCE,
                    new io.questdb.griffin.engine.functions.bind.BindVariableServiceImpl(store.engine().getConfiguration()));
            store.engine().execute(sql, ctx);
        }
        store.awaitApplied();
    }

    @Test
    void cachedQueriesSurviveASchemaChange() throws Exception {
        MetricDefinition m = metric(MetricType.GAUGE, "host");
        Point p = gauge(m, labels("host", "a"), 1, 1.5);
        writeAndCommit(p);
        assertThat(all(m)).containsExactly(p); // compiles and caches the query

        ddl(store, "ALTER TABLE gauge_raw ADD COLUMN IF NOT EXISTS note VARCHAR");

        assertThat(all(m)).containsExactly(p);
        Point q = gauge(m, labels("host", "a"), 2, 2.5);
        writeAndCommit(q);
        assertThat(all(m)).containsExactly(p, q);
    }

    @Test
    void nativeLibrariesAndLogConfigAreExtractedUnderAStoreFolder() {
        // set by the first store of the JVM, whichever test class opened it
        Path libs = Path.of(System.getProperty("questdb.libs.dir"));
        assertThat(libs.getParent().getFileName().toString()).isEqualTo("native");
        assertThat(libs.toFile().list()).anyMatch(name -> name.startsWith("libquestdb"));
        assertThat(Path.of(System.getProperty("out"))).exists();
    }

    @Test
    void healthIsDownOnceClosed(@TempDir Path folder) {
        QuestDbMetricStore other = new QuestDbMetricStore(folder);
        other.close();
        assertThat(other.check().up()).isFalse();
    }

    /** Not an assertion on speed: prints commit→visible latency for the README's figures. */
    @Test
    void commitBecomesVisibleWithinMilliseconds() {
        MetricDefinition m = metric(MetricType.GAUGE, "host");
        long[] micros = new long[50];
        try (PointWriter writer = store.openWriter()) {
            for (int i = 0; i < micros.length; i++) {
                writer.write(gauge(m, labels("host", "a"), i, i));
                long start = System.nanoTime();
                writer.commit();
                while (store.reader().readRaw(m, TimeRange.ALL, LabelFilter.NONE, 1000).points().size() < i + 1) {
                    Thread.onSpinWait();
                }
                micros[i] = (System.nanoTime() - start) / 1000;
            }
        }
        Arrays.sort(micros);
        System.err.printf("commit->visible us: p50=%d p90=%d max=%d%n", micros[25], micros[45], micros[49]);
        assertThat(micros[49]).isLessThan(5_000_000);
    }
}
