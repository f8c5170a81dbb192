package io.meterline.core;

import java.time.Duration;

/**
 * The bucket bounds of Meterline's latency meters, from a millisecond to ten seconds: enough to
 * read a percentile within a factor of two or so, and few enough that a timer tagged by method,
 * route and status keeps the scrape small (a percentile histogram would add ~70 series to each).
 */
public final class LatencyBuckets {

    private LatencyBuckets() {
    }

    /** A fresh array each call: Micrometer keeps the one it is given. */
    public static Duration[] bounds() {
        return new Duration[] {Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
            Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
            Duration.ofSeconds(1), Duration.ofMillis(2_500), Duration.ofSeconds(10)};
    }
}
