package io.meterline.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/** The stream's own meters. */
record IngestMeters(Counter pointsStored, Counter deadLetters, Timer storageCommits) {

    static IngestMeters on(MeterRegistry registry) {
        return new IngestMeters(
                Counter.builder("meterline.stream.points.stored").description("points the stream committed to storage")
                        .register(registry),
                Counter.builder("meterline.stream.dlq.records").description("records sent to the dead-letter topic")
                        .register(registry),
                Timer.builder("meterline.storage.commits").description("storage commits made by the stream")
                        // buckets, not fixed quantiles: histogram_quantile() can add them up across instances
                        .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
                        .maximumExpectedValue(Duration.ofSeconds(30)).register(registry));
    }
}
