package io.meterline.ingest;

import io.meterline.core.ComponentHealth;
import io.meterline.core.Point;
import io.meterline.core.storage.MetricReader;
import io.meterline.core.storage.MetricStore;
import io.meterline.core.storage.PointWriter;
import java.util.ArrayList;
import java.util.List;

/** A store for topology unit tests: keeps committed points in a list, in commit order. */
final class InMemoryMetricStore implements MetricStore {

    final List<Point> committed = new ArrayList<>();
    int commits;
    int rollupCommits;

    @Override
    public PointWriter openWriter() {
        return new PointWriter() {
            private final List<Point> pending = new ArrayList<>();

            @Override
            public void write(Point point) {
                pending.add(point);
            }

            @Override
            public void commit() {
                committed.addAll(pending);
                pending.clear();
                commits++;
            }

            @Override
            public void commitRollups() {
                rollupCommits++;
            }

            @Override
            public void rollback() {
                pending.clear();
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public MetricReader reader() {
        throw new UnsupportedOperationException("not used by topology tests");
    }

    @Override
    public ComponentHealth check() {
        return ComponentHealth.up("memory");
    }

    @Override
    public void close() {
    }
}
