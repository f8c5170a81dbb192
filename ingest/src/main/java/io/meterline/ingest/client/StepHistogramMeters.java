package io.meterline.ingest.client;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.core.instrument.distribution.StepBucketHistogram;
import io.micrometer.core.instrument.distribution.pause.PauseDetector;
import io.micrometer.core.instrument.step.StepDistributionSummary;
import io.micrometer.core.instrument.step.StepTimer;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * Timers and summaries whose buckets count per step and per bucket: Micrometer's default
 * histograms decay over a time window, which would neither add up across pushes nor match
 * Meterline's per-bucket counts. Buckets are the meter's SLO boundaries, or the defaults below.
 */
final class StepHistogramMeters {

    /** Seconds; the usual latency ladder from 5 ms to 10 s. */
    static final double[] DEFAULT_TIMER_BOUNDS_SECONDS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
    /** A 1-2-5 ladder from 1 to a million, for sizes and counts. */
    static final double[] DEFAULT_SUMMARY_BOUNDS = {1, 2, 5, 10, 20, 50, 100, 200, 500, 1e3, 2e3, 5e3, 1e4, 2e4, 5e4,
            1e5, 2e5, 5e5, 1e6};

    private StepHistogramMeters() {
    }

    static StepTimer timer(Meter.Id id, Clock clock, DistributionStatisticConfig config, PauseDetector pause,
                           long stepMillis) {
        // a timer's boundaries are kept in nanoseconds; whole ones convert back to exactly 0.005 s etc.
        double[] defaults = Arrays.stream(DEFAULT_TIMER_BOUNDS_SECONDS).map(s -> Math.rint(s * 1e9)).toArray();
        DistributionStatisticConfig bucketed = withBuckets(config, defaults);
        return new Timer(id, clock, bucketed, pause, stepMillis,
                new StepBucketHistogram(clock, stepMillis, bucketed, false, false));
    }

    static StepDistributionSummary summary(Meter.Id id, Clock clock, DistributionStatisticConfig config, double scale,
                                           long stepMillis) {
        DistributionStatisticConfig bucketed = withBuckets(config, DEFAULT_SUMMARY_BOUNDS);
        return new Summary(id, clock, bucketed, scale, stepMillis,
                new StepBucketHistogram(clock, stepMillis, bucketed, false, false));
    }

    /** The meter's SLO boundaries when it has some, else the defaults; never Micrometer's ~270 percentile buckets. */
    private static DistributionStatisticConfig withBuckets(DistributionStatisticConfig config, double[] defaults) {
        double[] slos = config.getServiceLevelObjectiveBoundaries();
        return DistributionStatisticConfig.builder()
                .percentilesHistogram(false)
                .percentiles()
                .serviceLevelObjectives(slos != null && slos.length > 0 ? slos : defaults)
                .build()
                .merge(config);
    }

    private static final class Timer extends StepTimer {
        Timer(Meter.Id id, Clock clock, DistributionStatisticConfig config, PauseDetector pause, long stepMillis,
              StepBucketHistogram histogram) {
            super(id, clock, config, pause, TimeUnit.SECONDS, stepMillis, histogram);
        }
    }

    private static final class Summary extends StepDistributionSummary {
        Summary(Meter.Id id, Clock clock, DistributionStatisticConfig config, double scale, long stepMillis,
                StepBucketHistogram histogram) {
            super(id, clock, config, scale, stepMillis, histogram);
        }
    }
}
