package io.meterline.core;

import java.util.List;
import java.util.Optional;

/** A read view of the metric definitions (in Meterline: of the compacted registry topic). */
public interface MetricRegistry {

    Optional<MetricDefinition> find(String name);

    /** Every definition, sorted by name. */
    List<MetricDefinition> all();

    /**
     * Like {@link #find}, but when the name is unknown first catches up with the registry's
     * source: a definition created a moment ago on another instance may not have arrived yet.
     */
    default Optional<MetricDefinition> findFresh(String name) {
        return find(name);
    }

    /**
     * Like {@link #findFresh(String)} for a name used by something written at {@code writtenAt}:
     * a catch-up that began after that moment already saw every definition written before it, so
     * a flood of records naming an unknown metric costs one catch-up, not one each.
     */
    default Optional<MetricDefinition> findFresh(String name, java.time.Instant writtenAt) {
        return findFresh(name);
    }

    /** A registry that knows these definitions and never changes (tests, benchmarks, tools). */
    static MetricRegistry of(MetricDefinition... definitions) {
        java.util.Map<String, MetricDefinition> byName = new java.util.TreeMap<>();
        for (MetricDefinition d : definitions) {
            byName.put(d.name(), d);
        }
        return new MetricRegistry() {
            @Override
            public Optional<MetricDefinition> find(String name) {
                return Optional.ofNullable(byName.get(name));
            }

            @Override
            public List<MetricDefinition> all() {
                return List.copyOf(byName.values());
            }
        };
    }
}
