package io.meterline.ingest.client;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.cumulative.CumulativeDistributionSummary;
import io.micrometer.core.instrument.cumulative.CumulativeTimer;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.core.instrument.distribution.pause.PauseDetector;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * Timers and summaries over {@link BucketCounts}. Buckets are the meter's SLO boundaries, or the
 * defaults below; never Micrometer's ~270 percentile-histogram buckets.
 */
final class HistogramMeters {

    /** Seconds; the usual latency ladder from 5 ms to 10 s. */
    static final double[] DEFAULT_TIMER_BOUNDS_SECONDS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
    /** A 1-2-5 ladder from 1 to a million, for sizes and counts. */
    static final double[] DEFAULT_SUMMARY_BOUNDS = {1, 2, 5, 10, 20, 50, 100, 200, 500, 1e3, 2e3, 5e3, 1e4, 2e4, 5e4,
            1e5, 2e5, 5e5, 1e6};

    private HistogramMeters() {
    }

    static Timer timer(Meter.Id id, Clock clock, DistributionStatisticConfig config, PauseDetector pause) {
        // a timer's boundaries are kept in nanoseconds; whole ones convert back to exactly 0.005 s etc.
        double[] defaults = Arrays.stream(DEFAULT_TIMER_BOUNDS_SECONDS).map(s -> Math.rint(s * 1e9)).toArray();
        return new BucketTimer(id, clock, config, pause, new BucketCounts(bounds(config, defaults)));
    }

    static DistributionSummary summary(Meter.Id id, Clock clock, DistributionStatisticConfig config, double scale) {
        return new BucketSummary(id, clock, config, scale, new BucketCounts(bounds(config, DEFAULT_SUMMARY_BOUNDS)));
    }

    private static double[] bounds(DistributionStatisticConfig config, double[] defaults) {
        double[] slos = config.getServiceLevelObjectiveBoundaries();
        return slos != null && slos.length > 0 ? slos : defaults;
    }

    private static final class BucketTimer extends CumulativeTimer {
        BucketTimer(Meter.Id id, Clock clock, DistributionStatisticConfig config, PauseDetector pause,
                    BucketCounts buckets) {
            super(id, clock, config, pause, TimeUnit.SECONDS, buckets);
        }
    }

    private static final class BucketSummary extends CumulativeDistributionSummary {
        BucketSummary(Meter.Id id, Clock clock, DistributionStatisticConfig config, double scale,
                      BucketCounts buckets) {
            super(id, clock, config, scale, buckets);
        }
    }
}
