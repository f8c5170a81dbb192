package io.meterline.core.storage;

import io.meterline.core.Point;

/**
 * Writes points of any metric. Not thread-safe: one per thread. Nothing written is durable (or
 * visible) before {@link #commit()} returns; a point written twice (same series and timestamp)
 * keeps the last write.
 */
public interface PointWriter extends AutoCloseable {

    void write(Point point);

    /** Makes everything written so far durable. */
    void commit();

    /**
     * Brings the rollups (1m, 1h) of everything committed so far up to date. Slower than
     * {@link #commit()}: the stream calls it before it commits its offsets, not on every commit.
     */
    void commitRollups();

    /** Drops what was written since the last commit. */
    void rollback();

    @Override
    void close();
}
