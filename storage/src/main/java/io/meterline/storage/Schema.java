package io.meterline.storage;

import io.meterline.core.MetricType;
import java.util.List;

/**
 * The tables: one per point type (not one per metric: every table costs memory maps, file
 * handles and WAL-apply work, and 10,000 metrics would exhaust vm.max_map_count), plus a series
 * table with one row per series. DDL text is built from constants and the retention setting only,
 * never from user input.
 */
final class Schema {

    static final String GAUGE = "gauge_raw";
    static final String ENUM = "enum_raw";
    static final String HISTOGRAM = "histogram_raw";
    static final String SERIES = "series";
    static final List<String> ALL_TABLES = List.of(SERIES, GAUGE, ENUM, HISTOGRAM,
            "gauge_1m", "enum_1m", "histogram_1m", "gauge_1h", "enum_1h", "histogram_1h",
            "gauge_old", "enum_old", "histogram_old", "gauge_late", "enum_late", "histogram_late");
    /** What a rollup row holds after ts, metric, series (see {@link Tier#valueColumns}). */
    private static final String GAUGE_ROLLUP = ", count LONG, sum DOUBLE, min DOUBLE, max DOUBLE, last DOUBLE, last_ts TIMESTAMP";
    private static final String ENUM_ROLLUP = ", counts VARCHAR";
    private static final String HISTOGRAM_ROLLUP = ", buckets VARCHAR, count LONG, sum DOUBLE";

    /**
     * Capacities are set explicitly because auto-scaling a symbol table invalidates every cached
     * query factory (we recompile when it happens, but it should be rare). 4,096 metrics per type
     * before the first growth. Series: 65,536 before the first growth, NOCACHE so that the strings
     * are not held on the heap (lookups go to the memory-mapped symbol file instead). The 1M-series
     * design goal is reached after four doublings. Sized for it up front, the key files of the
     * symbol table, of each WAL writer's copy and of the series index in every partition were 16 MB
     * each: ~100 MB of resident memory under load and about 50 bytes a point of disk on the
     * harness's workload (bench/RESULTS.md, session 10).
     */
    private static final String KEY_COLUMNS =
            "ts TIMESTAMP, metric SYMBOL CAPACITY 4096 CACHE, series SYMBOL CAPACITY 65536 NOCACHE";

    /**
     * The series column of the raw and rollup tables is indexed: without it a read of one series
     * filtered every row of its metric in the tier (10M raw rows, 4.3 ms, for one series' 10,000),
     * a cost that grows with the number of series. The index once cost a third of the ingest rate,
     * when most stream commits were out-of-order merges of their own, each re-indexing the
     * partition's tail; now that the WAL apply job squashes queued commits, the rate stays within
     * the spread of runs and the apply thread pays a few CPU-s per 10.8M points (bench/RESULTS.md,
     * session 9). The old-points tables, read only to recompute rollups, stay unindexed.
     */
    private static final String INDEXED_KEY_COLUMNS = KEY_COLUMNS + " INDEX";

    /** Replaying a point (same series, same timestamp) replaces its row: effectively-once storage. */
    private static final String DEDUP = " WAL DEDUP UPSERT KEYS(ts, metric, series)";

    private Schema() {
    }

    /**
     * Raw points older than the raw retention when they arrive (a backfill of last year): QuestDB's
     * TTL would drop them from the raw table at once, before their rollups could be computed, so
     * they are kept here, as long as the hourly tier keeps its rows, for rollup recomputation only.
     */
    static String oldTable(MetricType type) {
        return type.wireName() + "_old";
    }

    /**
     * Raw points older than the minute rollups' retention when they arrive (a backfill of last
     * year). Their minutes would be dropped by TTL at once, so the hourly rollup can't be
     * recomputed from them; and it can't be recomputed from raw points either, which the raw
     * retention has long dropped (only the hourly row still holds them). So these points get an
     * hourly row of their own, recomputed from this table and stored beside the hour's row (see
     * {@link RollupMaintainer#LATE_ROW_OFFSET_MS}); readers add the two as they add any rows.
     */
    static String lateTable(MetricType type) {
        return type.wireName() + "_late";
    }

    static String rawTable(MetricType type) {
        return switch (type) {
            case GAUGE -> GAUGE;
            case ENUM -> ENUM;
            case HISTOGRAM -> HISTOGRAM;
        };
    }

    static List<String> createStatements(StorageSettings settings) {
        String ttl = ttl(Tier.RAW, settings);
        String raw = ") TIMESTAMP(ts) PARTITION BY DAY" + ttl + DEDUP;
        return List.of(
                // One row per series at a constant timestamp (epoch 0), so dedup keeps exactly one row
                // per (metric, series). No TTL: that single partition is from 1970.
                "CREATE TABLE IF NOT EXISTS " + SERIES + " (ts TIMESTAMP, metric SYMBOL CAPACITY 4096 CACHE, series VARCHAR)"
                        + " TIMESTAMP(ts) PARTITION BY YEAR" + DEDUP,
                "CREATE TABLE IF NOT EXISTS " + GAUGE + " (" + INDEXED_KEY_COLUMNS + ", value DOUBLE" + raw,
                "CREATE TABLE IF NOT EXISTS " + ENUM + " (" + INDEXED_KEY_COLUMNS + ", state SYMBOL CAPACITY 1024 CACHE" + raw,
                "CREATE TABLE IF NOT EXISTS " + HISTOGRAM + " (" + INDEXED_KEY_COLUMNS
                        + ", buckets VARCHAR, sum DOUBLE, count LONG" + raw,
                old(oldTable(MetricType.GAUGE), ", value DOUBLE", settings),
                old(oldTable(MetricType.ENUM), ", state SYMBOL CAPACITY 1024 CACHE", settings),
                old(oldTable(MetricType.HISTOGRAM), ", buckets VARCHAR, sum DOUBLE, count LONG", settings),
                old(lateTable(MetricType.GAUGE), ", value DOUBLE", settings),
                old(lateTable(MetricType.ENUM), ", state SYMBOL CAPACITY 1024 CACHE", settings),
                old(lateTable(MetricType.HISTOGRAM), ", buckets VARCHAR, sum DOUBLE, count LONG", settings),
                rollup(Tier.MINUTE, MetricType.GAUGE, GAUGE_ROLLUP, settings),
                rollup(Tier.MINUTE, MetricType.ENUM, ENUM_ROLLUP, settings),
                rollup(Tier.MINUTE, MetricType.HISTOGRAM, HISTOGRAM_ROLLUP, settings),
                rollup(Tier.HOUR, MetricType.GAUGE, GAUGE_ROLLUP, settings),
                rollup(Tier.HOUR, MetricType.ENUM, ENUM_ROLLUP, settings),
                rollup(Tier.HOUR, MetricType.HISTOGRAM, HISTOGRAM_ROLLUP, settings));
    }

    /** An old-points or late-points table: raw points, unindexed, kept as long as the hourly rollups. */
    private static String old(String table, String columns, StorageSettings settings) {
        return "CREATE TABLE IF NOT EXISTS " + table + " (" + KEY_COLUMNS + columns + ") TIMESTAMP(ts) PARTITION BY MONTH"
                + ttl(Tier.HOUR, settings) + DEDUP;
    }

    /** Minute rollups in daily partitions, hourly ones in monthly partitions: a few files per day or month. */
    private static String rollup(Tier tier, MetricType type, String columns, StorageSettings settings) {
        String partition = tier == Tier.MINUTE ? "DAY" : "MONTH";
        return "CREATE TABLE IF NOT EXISTS " + tier.table(type) + " (" + INDEXED_KEY_COLUMNS + columns
                + ") TIMESTAMP(ts) PARTITION BY " + partition + ttl(tier, settings) + DEDUP;
    }

    /**
     * QuestDB wants a TTL that is a whole number of partitions: days for raw points and minute
     * rollups, months (of 30 days) for hourly ones. Raw rounds up (36h keeps two days: a 36-hour
     * TTL on daily partitions was refused, and the store did not open). The minute rollups round
     * down, as the writer routes points by that day count ({@link #minuteTtlDays}). The hourly
     * ones round up: points are accepted as long as the configured hourly retention, and rounded
     * down (45 days to one month) the TTL would drop points acknowledged days before. At least one.
     */
    private static String ttl(Tier tier, StorageSettings settings) {
        long hours = settings.retentionHours(tier);
        return switch (tier) {
            case RAW -> " TTL " + Math.max(1, (hours + 23) / 24) + " DAYS";
            case MINUTE -> " TTL " + minuteTtlDays(settings) + " DAYS";
            case HOUR -> " TTL " + Math.max(1, (hours + 24 * 30 - 1) / (24 * 30)) + " MONTHS";
        };
    }

    /** The minute rollups' TTL in whole days, as the tables get it (the configured retention rounded down). */
    static long minuteTtlDays(StorageSettings settings) {
        return Math.max(1, settings.retentionHours(Tier.MINUTE) / 24);
    }

    /** Counts 1 when the table's series column is indexed, 0 when it is not (a table made before the index). */
    static String seriesIndexed(String table) {
        return "SELECT count() FROM table_columns('" + table + "') WHERE \"column\" = 'series' AND indexed";
    }

    /**
     * The statements that index the series column of the tables made before it was indexed;
     * QuestDB indexes their partitions as it applies them.
     */
    static List<String> missingSeriesIndexes(Queries queries) {
        List<String> statements = new java.util.ArrayList<>();
        for (String table : indexedTables()) {
            if (queries.query(seriesIndexed(table), new Binds(), r -> r.next() && r.integer(0) == 0)) {
                statements.add("ALTER TABLE " + table + " ALTER COLUMN series ADD INDEX");
            }
        }
        return statements;
    }

    /** The tables whose series column is indexed: raw points and both rollup tiers. */
    static List<String> indexedTables() {
        List<String> tables = new java.util.ArrayList<>();
        for (Tier tier : Tier.values()) {
            for (MetricType type : MetricType.values()) {
                tables.add(tier.table(type));
            }
        }
        return tables;
    }

    /** CREATE … IF NOT EXISTS keeps an old TTL; this brings an existing table to the configured one. */
    static List<String> retentionStatements(StorageSettings settings) {
        List<String> statements = new java.util.ArrayList<>();
        for (Tier tier : Tier.values()) {
            for (MetricType type : MetricType.values()) {
                statements.add("ALTER TABLE " + tier.table(type) + " SET" + ttl(tier, settings));
            }
        }
        for (MetricType type : MetricType.values()) { // kept as long as the hourly rollups they feed
            statements.add("ALTER TABLE " + oldTable(type) + " SET" + ttl(Tier.HOUR, settings));
            statements.add("ALTER TABLE " + lateTable(type) + " SET" + ttl(Tier.HOUR, settings));
        }
        return statements;
    }
}
