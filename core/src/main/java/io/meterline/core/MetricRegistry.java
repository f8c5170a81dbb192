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
}
