package io.meterline.ingest.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

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

/** Per-bucket counts since the last acknowledged push: nothing twice after a commit, nothing lost after a failure. */
class HistogramPointsTest {

    private static final double INF = Double.POSITIVE_INFINITY;
    private final MockClock clock = new MockClock();
    private final HistogramPoints points = new HistogramPoints();

    private static Meter.Id id(Meter.Type type) {
        return new Meter.Id("t", Tags.empty(), null, null, type);
    }

    private Timer timerWithSlos() {
        DistributionStatisticConfig slos = DistributionStatisticConfig.builder()
                .serviceLevelObjectives(Duration.ofMillis(10).toNanos(), Duration.ofMillis(100).toNanos())
                .build().merge(DistributionStatisticConfig.DEFAULT);
        return HistogramMeters.timer(id(Meter.Type.TIMER), clock, slos, new NoPauseDetector());
    }

    private static TreeMap<Double, Long> buckets(double b1, long c1, double b2, long c2, long inf) {
        return new TreeMap<>(Map.of(b1, c1, b2, c2, INF, inf));
    }

    @Test
    void aPushCountsEachObservationInItsBucketWithUpperBoundsInclusive() {
        Timer timer = timerWithSlos();
        timer.record(5, TimeUnit.MILLISECONDS);
        timer.record(10, TimeUnit.MILLISECONDS);
        timer.record(50, TimeUnit.MILLISECONDS);
        timer.record(2, TimeUnit.SECONDS);

        HistogramPoints.Delta delta = points.delta(timer.getId(), timer.takeSnapshot(), TimeUnit.SECONDS);
        assertThat(delta.buckets()).isEqualTo(buckets(0.01, 2, 0.1, 1, 1));
        assertThat(delta.count()).isEqualTo(4);
        assertThat(delta.sum()).isCloseTo(2.065, offset(1e-9));
    }

    @Test
    void afterACommittedPushOnlyNewObservationsAreSent() {
        Timer timer = timerWithSlos();
        timer.record(5, TimeUnit.MILLISECONDS);
        points.delta(timer.getId(), timer.takeSnapshot(), TimeUnit.SECONDS);
        points.commit();

        timer.record(20, TimeUnit.MILLISECONDS);
        HistogramPoints.Delta delta = points.delta(timer.getId(), timer.takeSnapshot(), TimeUnit.SECONDS);
        assertThat(delta.buckets()).isEqualTo(buckets(0.01, 0, 0.1, 1, 0));
        assertThat(delta.sum()).isCloseTo(0.02, offset(1e-9));
        points.commit();
        assertThat(points.delta(timer.getId(), timer.takeSnapshot(), TimeUnit.SECONDS).count()).isZero();
    }

    @Test
    void aFailedPushIsCarriedIntoTheNextOne() {
        Timer timer = timerWithSlos();
        timer.record(5, TimeUnit.MILLISECONDS);
        points.delta(timer.getId(), timer.takeSnapshot(), TimeUnit.SECONDS);
        points.discard();

        timer.record(20, TimeUnit.MILLISECONDS);
        HistogramPoints.Delta delta = points.delta(timer.getId(), timer.takeSnapshot(), TimeUnit.SECONDS);
        assertThat(delta.buckets()).isEqualTo(buckets(0.01, 1, 0.1, 1, 0));
    }

    @Test
    void aTimerWithoutSlosGetsTheDefaultLatencyLadder() {
        Timer timer = HistogramMeters.timer(id(Meter.Type.TIMER), clock, DistributionStatisticConfig.DEFAULT,
                new NoPauseDetector());
        timer.record(30, TimeUnit.MILLISECONDS);
        TreeMap<Double, Long> b = points.delta(timer.getId(), timer.takeSnapshot(), TimeUnit.SECONDS).buckets();
        assertThat(b.keySet()).containsExactly(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, INF);
        assertThat(b.get(0.05)).isEqualTo(1);
    }

    @Test
    void aSummaryUsesItsSlosInItsOwnUnit() {
        DistributionStatisticConfig slos = DistributionStatisticConfig.builder().serviceLevelObjectives(100, 1000)
                .build().merge(DistributionStatisticConfig.DEFAULT);
        DistributionSummary summary = HistogramMeters.summary(id(Meter.Type.DISTRIBUTION_SUMMARY), clock, slos, 1.0);
        summary.record(100);
        summary.record(150);
        summary.record(5000);
        HistogramPoints.Delta delta = points.delta(summary.getId(), summary.takeSnapshot(), null);
        assertThat(delta.buckets()).isEqualTo(buckets(100, 1, 1000, 1, 1));
        assertThat(delta.sum()).isEqualTo(5250.0);
    }
}
