package io.meterline.storage;

import io.meterline.core.MetricType;
import io.meterline.core.Point;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

/**
 * Writes points to the raw table of their type (and each new series to the series table), through
 * an appender: the embedded engine's WAL or a QuestDB server's ILP endpoint. Keeps the rollups
 * up to date through its {@link RollupMaintainer}.
 */
final class QuestDbPointWriter implements io.meterline.core.storage.PointWriter {

    private final TableAppender appender;
    /** Series this writer recorded since its last commit, and those already committed. */
    private final Set<String> pendingSeries = new HashSet<>();
    private final Set<String> committedSeries = new HashSet<>();
    /**
     * The series recorded last, by identity: a record's points share one Labels and so one canonical
     * text, and skipping the set lookups for them saves a String and its hash per point.
     */
    private String lastMetric;
    private String lastSeries;

    private final RollupMaintainer rollups;
    private final StorageSettings retention;
    private final Clock clock;

    QuestDbPointWriter(TableAppender appender, RollupMaintainer rollups, StorageSettings retention) {
        this(appender, rollups, retention, Clock.systemUTC());
    }

    /** With a clock of a test's choosing: whether a point is old or late depends on its age. */
    QuestDbPointWriter(TableAppender appender, RollupMaintainer rollups, StorageSettings retention, Clock clock) {
        this.appender = appender;
        this.rollups = rollups;
        this.retention = retention;
        this.clock = clock;
    }

    @Override
    public void write(Point point) {
        MetricType type = typeOf(point);
        String series = point.labels().canonical();
        recordSeries(point.metric(), series);
        Instant now = clock.instant();
        if (isLate(point, now)) {
            appender.point(Schema.lateTable(type), series, point);
            rollups.markLate(point, type);
            if (!isOld(point, now)) { // a raw retention longer than the minute rollups' still answers it raw
                appender.point(Schema.rawTable(type), series, point);
            }
            return;
        }
        appender.point(table(point, type, now), series, point);
        rollups.mark(point, type);
    }

    private static MetricType typeOf(Point point) {
        if (point instanceof Point.Gauge) {
            return MetricType.GAUGE;
        }
        if (point instanceof Point.EnumSample) {
            return MetricType.ENUM;
        }
        if (point instanceof Point.Histogram) {
            return MetricType.HISTOGRAM;
        }
        throw new IllegalArgumentException("unknown point kind [class=" + point.getClass().getName() + ']');
    }

    /**
     * The raw table, or the old-points table for a point the raw retention no longer covers (an
     * hour of margin, so a point near the edge isn't dropped by TTL before its rollup is computed).
     */
    private String table(Point point, MetricType type, Instant now) {
        return isOld(point, now) ? Schema.oldTable(type) : Schema.rawTable(type);
    }

    /**
     * Older than the minute rollups keep, as their tables' TTL (whole days) drops them: a daily
     * partition goes once its end is that old, so anything newer stays. An hour of margin, so that
     * a point near the edge isn't dropped before its hour is recomputed.
     */
    private boolean isLate(Point point, Instant now) {
        Instant cutoff = now.minus(Duration.ofDays(Schema.minuteTtlDays(retention))).plus(Duration.ofHours(1));
        return point.timestamp().isBefore(cutoff);
    }

    private boolean isOld(Point point, Instant now) {
        return point.timestamp().isBefore(now.minus(retention.rawRetention()).plus(Duration.ofHours(1)));
    }

    private void recordSeries(String metric, String series) {
        if (series == lastSeries && metric.equals(lastMetric)) {
            return;
        }
        lastMetric = metric;
        lastSeries = series;
        String key = metric + '\u0000' + series;
        if (committedSeries.contains(key) || !pendingSeries.add(key)) {
            return;
        }
        appender.series(metric, series);
    }

    @Override
    public void commit() {
        lastSeries = null;
        try {
            appender.commit();
        } catch (RuntimeException e) {
            pendingSeries.clear(); // the caller replays the batch: its series are written again
            throw e;
        }
        committedSeries.addAll(pendingSeries);
        pendingSeries.clear();
        // bounded memory on a writer that lives for days; forgetting only costs a harmless rewrite
        if (committedSeries.size() > 100_000) {
            committedSeries.clear();
        }
    }

    @Override
    public void commitRollups() {
        rollups.refresh();
    }

    @Override
    public void rollback() {
        appender.rollback();
        pendingSeries.clear();
        lastSeries = null;
    }

    @Override
    public void close() {
        try {
            appender.close();
        } finally {
            rollups.close();
        }
    }
}
