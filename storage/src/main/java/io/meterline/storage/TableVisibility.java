package io.meterline.storage;

import java.time.Duration;
import java.util.List;

/** Committed rows become visible to readers a little later (QuestDB applies WAL in the background). */
interface TableVisibility {

    /** Waits until every transaction committed to {@code tables} before this call is visible to readers. */
    void awaitApplied(List<String> tables, Duration timeout);
}
