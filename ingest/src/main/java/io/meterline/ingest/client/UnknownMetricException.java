package io.meterline.ingest.client;

import io.meterline.core.InvalidInputException;

/** A point names a metric the registry does not hold: define it first. */
public final class UnknownMetricException extends InvalidInputException {

    public UnknownMetricException(String metric) {
        super("unknown metric '" + metric + "': define it first (MeterlineProducer.define or POST /metrics).");
    }
}
