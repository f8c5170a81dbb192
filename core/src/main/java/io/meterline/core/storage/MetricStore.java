package io.meterline.core.storage;

import io.meterline.core.ComponentHealth;

/** Where points are kept. One store serves every thread; writers are one per writing thread. */
public interface MetricStore extends AutoCloseable {

    /** A writer for the calling thread. Writes become durable at {@link PointWriter#commit()}. */
    PointWriter openWriter();

    MetricReader reader();

    ComponentHealth check();

    @Override
    void close();
}
