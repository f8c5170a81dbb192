package io.meterline.storage;

import io.questdb.cairo.CairoEngine;
import io.questdb.cairo.ErrorTag;
import io.questdb.cairo.TableToken;
import io.questdb.cairo.security.AllowAllSecurityContext;
import io.questdb.griffin.SqlException;
import io.questdb.griffin.SqlExecutionContextImpl;
import io.questdb.griffin.engine.functions.bind.BindVariableServiceImpl;
import io.questdb.mp.SynchronizedJob;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * QuestDB suspends a table's WAL apply when applying fails (a full disk, too many open files) and
 * never resumes it by itself: committed points stay in the WAL, invisible, and the stream, which
 * waits for them before it commits its offsets, stops. So once the cause is gone, nothing comes
 * back until someone restarts Meterline. This job resumes a table suspended for a cause that
 * passes (a full disk, too many open files) a few seconds later, and again with a doubling wait,
 * up to five minutes, for as long as the cause persists.
 */
final class SuspendedTableResumer extends SynchronizedJob {

    static final long FIRST_WAIT_MS = 5_000;
    private static final long LONGEST_WAIT_MS = 300_000;
    private static final Logger LOG = LoggerFactory.getLogger(SuspendedTableResumer.class);
    private static final Set<ErrorTag> TRANSIENT = EnumSet.of(ErrorTag.DISK_FULL, ErrorTag.TOO_MANY_OPEN_FILES,
            ErrorTag.OUT_OF_MMAP_AREAS, ErrorTag.OUT_OF_MEMORY);

    private final CairoEngine engine;
    private final List<String> tables;
    private final LongSupplier clockMs;
    private long waitMs = FIRST_WAIT_MS;
    private long nextLookAt;
    private long suspendedSince = -1;
    private final Set<String> reported = new HashSet<>();

    SuspendedTableResumer(CairoEngine engine, List<String> tables, LongSupplier clockMs) {
        this.engine = engine;
        this.tables = tables;
        this.clockMs = clockMs;
    }

    @Override
    protected boolean runSerially() {
        long now = clockMs.getAsLong();
        if (now < nextLookAt) {
            return false;
        }
        nextLookAt = now + 1_000; // whatever happens below, this job runs again only a second later
        try {
            return lookAndResume(now);
        } catch (RuntimeException e) {
            LOG.warn("could not look for suspended tables: {}", e.getMessage());
            return false;
        }
    }

    private boolean lookAndResume(long now) {
        List<TableToken> suspended = tables.stream().map(engine::verifyTableName)
                .filter(t -> engine.getTableSequencerAPI().isSuspended(t)).toList();
        if (suspended.isEmpty()) {
            if (suspendedSince >= 0) {
                LOG.info("WAL apply runs again on every table");
            }
            suspendedSince = -1;
            waitMs = FIRST_WAIT_MS;
            return false;
        }
        if (suspendedSince < 0) {
            suspendedSince = now; // first seen: give the cause (a disk filling up) a moment before trying
            nextLookAt = now + waitMs;
            return false;
        }
        List<TableToken> resumable = suspended.stream().filter(this::passes).toList();
        if (resumable.isEmpty()) {
            nextLookAt = now + LONGEST_WAIT_MS; // nothing to try; /ready names the table meanwhile
            return false;
        }
        try (SqlExecutionContextImpl ctx = new SqlExecutionContextImpl(engine, 1)) {
            ctx.with(AllowAllSecurityContext.INSTANCE, new BindVariableServiceImpl(engine.getConfiguration()));
            for (TableToken table : resumable) {
                LOG.warn("resuming WAL apply on {}, suspended for {} s ({})", table.getTableName(),
                        (now - suspendedSince) / 1000, engine.getTableSequencerAPI().getTxnTracker(table).getErrorTag().text());
                engine.execute("ALTER TABLE " + table.getTableName() + " RESUME WAL", ctx);
            }
        } catch (SqlException | RuntimeException e) {
            LOG.warn("could not resume WAL apply: {}", e.getMessage());
        }
        nextLookAt = now + waitMs;
        waitMs = Math.min(waitMs * 2, LONGEST_WAIT_MS);
        return true;
    }

    /**
     * Whether the suspension's cause passes by itself: a full disk, too many open files or maps,
     * memory. Anything else (a corrupt WAL segment) would only fail again; it is logged once and
     * left to an operator, with /ready naming the table.
     */
    private boolean passes(TableToken table) {
        ErrorTag tag = engine.getTableSequencerAPI().getTxnTracker(table).getErrorTag();
        boolean passes = TRANSIENT.contains(tag);
        if (!passes && reported.add(table.getTableName())) {
            LOG.error("WAL apply on {} is suspended for a cause that does not pass by itself ({}: {}); see questdb/log,"
                    + " then run ALTER TABLE {} RESUME WAL or restart", table.getTableName(), tag,
                    engine.getTableSequencerAPI().getTxnTracker(table).getErrorMessage(), table.getTableName());
        }
        return passes;
    }
}
