package io.meterline.api;

import io.meterline.core.LatencyBuckets;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/** The HTTP side's own meters. */
final class ApiMeters {

    /** HTTP's methods; any other word a client sends is "other", or each one would be a new time series. */
    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE",
            "CONNECT");

    private final MeterRegistry registry;
    private final Counter accepted;
    private final Counter rejected;

    ApiMeters(MeterRegistry registry) {
        this.registry = registry;
        this.accepted = Counter.builder("meterline.http.points.accepted")
                .description("points acknowledged to HTTP clients").register(registry);
        this.rejected = Counter.builder("meterline.http.requests.rejected")
                .description("write requests refused as invalid").register(registry);
    }

    void accepted(int points) {
        accepted.increment(points);
    }

    void rejected() {
        rejected.increment();
    }

    void request(String method, String route, int status, long nanos) {
        Timer.builder("meterline.http.requests")
                .tags("method", METHODS.contains(method) ? method : "other", "route", route, "status", Integer.toString(status))
                // a few buckets, not fixed quantiles: histogram_quantile() can add them up across
                // instances, and a dozen per method, route and status keep the scrape small
                .serviceLevelObjectives(LatencyBuckets.bounds())
                .register(registry)
                .record(nanos, TimeUnit.NANOSECONDS);
    }
}
