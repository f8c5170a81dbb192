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

    /** Drops what was written since the last commit. */
    void rollback();

    @Override
    void close();
}
