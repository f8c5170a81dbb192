package io.meterline.ingest.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.core.instrument.distribution.pause.NoPauseDetector;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Per-bucket, per-step counts: what one push interval observed, and nothing of the one before. */
class StepHistogramMetersTest {

    private static final long STEP = 10_000;
    private final MockClock clock = new MockClock();

    private static Meter.Id id(Meter.Type type) {
        return new Meter.Id("t", Tags.empty(), null, null, type);
    }

    @Test
    void aTimerCountsEachBucketOnceAndOnlyForItsStep() {
        DistributionStatisticConfig slos = DistributionStatisticConfig.builder()
                .serviceLevelObjectives(Duration.ofMillis(10).toNanos(), Duration.ofMillis(100).toNanos())
                .build().merge(DistributionStatisticConfig.DEFAULT);
        Timer timer = StepHistogramMeters.timer(id(Meter.Type.TIMER), clock, slos, new NoPauseDetector(), STEP);
        timer.record(5, TimeUnit.MILLISECONDS);
        timer.record(7, TimeUnit.MILLISECONDS);
        timer.record(50, TimeUnit.MILLISECONDS);
        timer.record(2, TimeUnit.SECONDS);
        clock.add(Duration.ofMillis(STEP));

        var snapshot = timer.takeSnapshot();
        assertThat(HistogramPoints.perBucket(snapshot, TimeUnit.SECONDS))
                .isEqualTo(new TreeMap<>(Map.of(0.01, 2L, 0.1, 1L, Double.POSITIVE_INFINITY, 1L)));
        assertThat(snapshot.total(TimeUnit.SECONDS)).isCloseTo(2.062, org.assertj.core.data.Offset.offset(1e-9));

        timer.record(20, TimeUnit.MILLISECONDS);
        clock.add(Duration.ofMillis(STEP));
        assertThat(HistogramPoints.perBucket(timer.takeSnapshot(), TimeUnit.SECONDS))
                .isEqualTo(new TreeMap<>(Map.of(0.01, 0L, 0.1, 1L, Double.POSITIVE_INFINITY, 0L)));
    }

    @Test
    void aTimerWithoutSlosGetsTheDefaultLatencyLadder() {
        Timer timer = StepHistogramMeters.timer(id(Meter.Type.TIMER), clock, DistributionStatisticConfig.DEFAULT,
                new NoPauseDetector(), STEP);
        timer.record(30, TimeUnit.MILLISECONDS);
        clock.add(Duration.ofMillis(STEP));
        TreeMap<Double, Long> buckets = HistogramPoints.perBucket(timer.takeSnapshot(), TimeUnit.SECONDS);
        assertThat(buckets.keySet()).containsExactly(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
                Double.POSITIVE_INFINITY);
        assertThat(buckets.get(0.05)).isEqualTo(1);
        assertThat(buckets.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(1);
    }

    @Test
    void aSummaryUsesItsSlosInItsOwnUnit() {
        DistributionStatisticConfig slos = DistributionStatisticConfig.builder().serviceLevelObjectives(100, 1000)
                .build().merge(DistributionStatisticConfig.DEFAULT);
        DistributionSummary summary = StepHistogramMeters.summary(id(Meter.Type.DISTRIBUTION_SUMMARY), clock, slos,
                1.0, STEP);
        summary.record(100);
        summary.record(150);
        summary.record(5000);
        clock.add(Duration.ofMillis(STEP));
        var snapshot = summary.takeSnapshot();
        assertThat(HistogramPoints.perBucket(snapshot, null))
                .isEqualTo(new TreeMap<>(Map.of(100.0, 1L, 1000.0, 1L, Double.POSITIVE_INFINITY, 1L)));
        assertThat(snapshot.total()).isEqualTo(5250.0);
    }
}
