package io.meterline.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/** The stream's own meters. */
record IngestMeters(Counter pointsStored, Counter deadLetters, Timer storageCommits) {

    static IngestMeters on(MeterRegistry registry) {
        return new IngestMeters(
                Counter.builder("meterline.stream.points.stored").description("points the stream wrote to storage")
                        .register(registry),
                Counter.builder("meterline.stream.dlq.records").description("records sent to the dead-letter topic")
                        .register(registry),
                Timer.builder("meterline.storage.commits").description("storage commits made by the stream")
                        .publishPercentiles(0.5, 0.99).register(registry));
    }
}
