package io.meterline.storage;

import io.questdb.ServerMain;
import io.questdb.cairo.CairoEngine;
import io.questdb.cairo.TableReader;
import io.questdb.cairo.TableToken;
import io.questdb.cairo.wal.ApplyWal2TableJob;
import io.questdb.cairo.wal.CheckWalTransactionsJob;
import io.questdb.cairo.wal.WalPurgeJob;
import io.questdb.griffin.SqlException;
import io.questdb.mp.WorkerPool;
import io.questdb.mp.WorkerPoolConfiguration;
import io.questdb.mp.WorkerPoolUtils;
import java.time.Duration;
import java.util.List;

/**
 * In embedded mode nothing applies committed WAL transactions to the tables (so nothing becomes
 * visible) unless someone runs QuestDB's jobs. This runs them on one background thread, as the
 * QuestDB server does on its shared write pool, and lets callers wait until all is applied.
 */
final class WalApplier implements TableVisibility, AutoCloseable {

    private final CairoEngine engine;
    private final WorkerPool pool;

    WalApplier(CairoEngine engine) throws SqlException {
        this.engine = engine;
        this.pool = new WorkerPool(new WorkerPoolConfiguration() {
            @Override
            public int getWorkerCount() {
                return 1;
            }

            @Override
            public String getPoolName() {
                return "meterline-wal-apply";
            }

            /** Applying WAL is crash-safe, so these threads never need to hold the JVM open. */
            @Override
            public boolean isDaemonPool() {
                return true;
            }
        });
        ApplyWal2TableJob apply = new ApplyWal2TableJob(engine, 1);
        pool.assign(apply);
        pool.freeOnExit(apply);
        pool.assign(new CheckWalTransactionsJob(engine)); // finds WAL committed before a restart
        WalPurgeJob purge = new WalPurgeJob(engine); // without it, applied WAL segments are never deleted
        purge.delayByHalfInterval();
        pool.assign(purge);
        pool.freeOnExit(purge);
        WorkerPoolUtils.setupWriterJobs(pool, engine); // out-of-order merge, partition and column purge
        pool.assign(new ServerMain.EngineMaintenanceJob(engine)); // releases idle readers and writers
        pool.assign(new SuspendedTableResumer(engine, Schema.ALL_TABLES, System::currentTimeMillis));
        pool.start();
    }

    /**
     * Waits until every transaction committed to {@code tables} before this call is visible to
     * readers. Polls (rather than applying WAL itself) so that it never competes with the pool.
     */
    @Override
    public void awaitApplied(List<String> tables, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (String table : tables) {
            TableToken token = engine.verifyTableName(table);
            long target = engine.getTableSequencerAPI().lastTxn(token);
            while (appliedTxn(token) < target) {
                if (engine.getTableSequencerAPI().isSuspended(token)) {
                    throw new IllegalStateException("WAL apply is suspended [table=" + table + ']');
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("WAL not applied in time [table=" + table
                            + ", targetTxn=" + target + ", appliedTxn=" + appliedTxn(token) + ", timeout=" + timeout + ']');
                }
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for WAL apply [table=" + table + ']', e);
                }
            }
        }
    }

    @Override
    public long appliedTxn(String table) {
        return appliedTxn(engine.verifyTableName(table));
    }

    private long appliedTxn(TableToken token) {
        try (TableReader reader = engine.getReader(token)) {
            return reader.getSeqTxn();
        }
    }

    @Override
    public void close() {
        pool.halt();
    }
}
