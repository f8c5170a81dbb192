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
}
