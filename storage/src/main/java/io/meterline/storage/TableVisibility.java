package io.meterline.storage;

import java.time.Duration;
import java.util.List;

/** Committed rows become visible to readers a little later (QuestDB applies WAL in the background). */
interface TableVisibility {

    /** Waits until every transaction committed to {@code tables} before this call is visible to readers. */
    void awaitApplied(List<String> tables, Duration timeout);

    /**
     * The last of the table's transactions that readers see: it changes whenever the table does,
     * so whatever was read from the table at the same number is still true.
     */
    long appliedTxn(String table);
}
