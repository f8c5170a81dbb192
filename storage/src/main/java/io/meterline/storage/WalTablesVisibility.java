package io.meterline.storage;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Waits for a QuestDB server to apply committed WAL, by polling its {@code wal_tables()}: a table
 * is caught up when its writer has applied the sequencer transaction that was last when we asked.
 */
final class WalTablesVisibility implements TableVisibility {

    private static final String WAL_TABLES = "SELECT name, suspended, writerTxn, sequencerTxn FROM wal_tables()";

    private record TableTxns(boolean suspended, long applied, long committed) {
    }

    private final Queries queries;

    WalTablesVisibility(Queries queries) {
        this.queries = queries;
    }

    @Override
    public void awaitApplied(List<String> tables, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, TableTxns> targets = read();
        Map<String, TableTxns> now = targets;
        while (true) {
            Map<String, TableTxns> current = now;
            List<String> behind = tables.stream().filter(t -> targets.containsKey(t) && current.containsKey(t)
                    && current.get(t).applied() < targets.get(t).committed()).toList();
            if (behind.isEmpty()) {
                return;
            }
            for (String table : behind) {
                if (current.get(table).suspended()) {
                    throw new IllegalStateException("WAL apply is suspended on the QuestDB server [table=" + table + ']');
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("WAL not applied in time on the QuestDB server [tables=" + behind
                        + ", timeout=" + timeout + ']');
            }
            sleep();
            now = read();
        }
    }

    @Override
    public long appliedTxn(String table) {
        TableTxns txns = read().get(table);
        if (txns == null) {
            throw new IllegalStateException("no such table on the QuestDB server [table=" + table + ']');
        }
        return txns.applied();
    }

    /** Names of suspended tables among {@code tables}. */
    List<String> suspended(List<String> tables) {
        Map<String, TableTxns> all = read();
        return tables.stream().filter(t -> all.containsKey(t) && all.get(t).suspended()).toList();
    }

    private Map<String, TableTxns> read() {
        return queries.query(WAL_TABLES, new Binds(), r -> {
            Map<String, TableTxns> out = new HashMap<>();
            while (r.next()) {
                out.put(r.varchar(0), new TableTxns("true".equalsIgnoreCase(r.varchar(1)) || "t".equals(r.varchar(1)),
                        r.integer(2), r.integer(3)));
            }
            return out;
        });
    }

    private static void sleep() {
        try {
            Thread.sleep(2);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for WAL apply", e);
        }
    }
}
