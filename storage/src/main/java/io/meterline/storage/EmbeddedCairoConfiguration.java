package io.meterline.storage;

import io.questdb.cairo.DefaultCairoConfiguration;

/** DefaultCairoConfiguration is tuned for QuestDB's own tests; these overrides make it fit a long-running service. */
final class EmbeddedCairoConfiguration extends DefaultCairoConfiguration {

    EmbeddedCairoConfiguration(CharSequence dbRoot) {
        super(dbRoot);
    }

    @Override
    public boolean enableTestFactories() {
        return false;
    }

    /** The default (a few ms) kept ~11% of a core busy releasing readers while idle. */
    @Override
    public long getIdleCheckInterval() {
        return 300_000;
    }

    @Override
    public long getInactiveReaderTTL() {
        return 120_000;
    }

    @Override
    public long getInactiveWriterTTL() {
        return 600_000;
    }

    /**
     * QuestDB's server default. The test default (1,000) is stored in each new table's metadata and
     * caps how many rows the WAL apply job may hold back to merge with the transactions queued behind
     * them (20 times this): under load most stream commits became an out-of-order merge of their own
     * (bench/RESULTS.md: 528 table commits for 1,163 WAL transactions, against 357 for 1,128 now).
     * Tables created before keep 1,000 until {@code ALTER TABLE … SET PARAM maxUncommittedRows}.
     */
    @Override
    public int getMaxUncommittedRows() {
        return 500_000;
    }

    /** QuestDB's server default (no limit): the row cap above and the commit latency bound the lag instead. */
    @Override
    public int getWalMaxLagTxnCount() {
        return -1;
    }

    // Every SQL compiler fills its object pools up front, at these sizes 10–13 MB of heap each, and
    // six compilers are alive at rest (bench/RESULTS.md, "The heap at rest"). The defaults fit
    // large ad-hoc SQL; Meterline's statements are small and fixed. A pool that runs out grows.

    @Override
    public int getSqlModelPoolCapacity() {
        return 32;
    }

    @Override
    public int getSqlExpressionPoolCapacity() {
        return 512;
    }

    @Override
    public int getSqlColumnPoolCapacity() {
        return 256;
    }

    @Override
    public int getSqlLexerPoolCapacity() {
        return 256;
    }
}
