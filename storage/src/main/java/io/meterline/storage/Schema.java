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
    static final List<String> ALL_TABLES = List.of(SERIES, GAUGE, ENUM, HISTOGRAM);

    /**
     * Capacities are set explicitly because auto-scaling a symbol table invalidates every cached
     * query factory (we recompile when it happens, but it should be rare). 4,096 metrics per type
     * before the first growth; series sized for the 1M-series design goal, NOCACHE so that the
     * strings are not held on the heap (lookups go to the memory-mapped symbol file instead).
     */
    private static final String KEY_COLUMNS =
            "ts TIMESTAMP, metric SYMBOL CAPACITY 4096 CACHE, series SYMBOL CAPACITY 1048576 NOCACHE";

    /** Replaying a point (same series, same timestamp) replaces its row: effectively-once storage. */
    private static final String DEDUP = " WAL DEDUP UPSERT KEYS(ts, metric, series)";

    private Schema() {
    }

    static String rawTable(MetricType type) {
        return switch (type) {
            case GAUGE -> GAUGE;
            case ENUM -> ENUM;
            case HISTOGRAM -> HISTOGRAM;
        };
    }

    static List<String> createStatements(StorageSettings settings) {
        String ttl = " TTL " + settings.rawRetentionHours() + " HOURS";
        String raw = ") TIMESTAMP(ts) PARTITION BY DAY" + ttl + DEDUP;
        return List.of(
                // One row per series at a constant timestamp (epoch 0), so dedup keeps exactly one row
                // per (metric, series). No TTL: that single partition is from 1970.
                "CREATE TABLE IF NOT EXISTS " + SERIES + " (ts TIMESTAMP, metric SYMBOL CAPACITY 4096 CACHE, series VARCHAR)"
                        + " TIMESTAMP(ts) PARTITION BY YEAR" + DEDUP,
                "CREATE TABLE IF NOT EXISTS " + GAUGE + " (" + KEY_COLUMNS + ", value DOUBLE" + raw,
                "CREATE TABLE IF NOT EXISTS " + ENUM + " (" + KEY_COLUMNS + ", state SYMBOL CAPACITY 1024 CACHE" + raw,
                "CREATE TABLE IF NOT EXISTS " + HISTOGRAM + " (" + KEY_COLUMNS
                        + ", buckets VARCHAR, sum DOUBLE, count LONG" + raw);
    }

    /** CREATE … IF NOT EXISTS keeps an old TTL; this brings an existing table to the configured one. */
    static List<String> retentionStatements(StorageSettings settings) {
        String ttl = " SET TTL " + settings.rawRetentionHours() + " HOURS";
        return List.of("ALTER TABLE " + GAUGE + ttl, "ALTER TABLE " + ENUM + ttl, "ALTER TABLE " + HISTOGRAM + ttl);
    }
}
