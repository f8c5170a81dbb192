package io.meterline.core;

import java.util.List;
import java.util.Optional;

/** A read view of the metric definitions (in Meterline: of the compacted registry topic). */
public interface MetricRegistry {

    Optional<MetricDefinition> find(String name);

    /** Every definition, sorted by name. */
    List<MetricDefinition> all();
}
