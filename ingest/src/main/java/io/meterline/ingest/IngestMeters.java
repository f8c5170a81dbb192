package io.meterline.ingest;

import io.meterline.core.LatencyBuckets;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/** The stream's own meters. */
record IngestMeters(Counter pointsStored, Counter deadLetters, Timer storageCommits) {

    static IngestMeters on(MeterRegistry registry) {
        return new IngestMeters(
                Counter.builder("meterline.stream.points.stored").description("points the stream committed to storage")
                        .register(registry),
                Counter.builder("meterline.stream.dlq.records").description("records sent to the dead-letter topic")
                        .register(registry),
                Timer.builder("meterline.storage.commits").description("storage commits made by the stream")
                        // a few buckets, not fixed quantiles: histogram_quantile() can add them up across instances
                        .serviceLevelObjectives(LatencyBuckets.bounds()).register(registry));
    }
}
