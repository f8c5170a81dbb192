package io.meterline.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meterline.core.LabelFilter;
import io.meterline.core.MetricDefinition;
import io.meterline.core.MetricType;
import io.meterline.core.TimeRange;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DownsampleParamsTest {

    static final Instant T0 = Instant.parse("2026-11-20T00:00:00Z");
    static final MetricDefinition CPU = new MetricDefinition("cpu", MetricType.GAUGE, List.of("host"), T0, "", "", null, null);
    static final MetricDefinition LATENCY = new MetricDefinition("latency", MetricType.HISTOGRAM, List.of(), T0, "", "",
            null, null);
    static final LabelFilter ALL = new LabelFilter(Map.of());

    @Test
    void aStepGivingTooManyBucketsNamesOneThatFits() {
        DownsampleParams params = DownsampleParams.parse(Map.of("step", List.of("1m")), CPU);
        TimeRange year = new TimeRange(T0.minusSeconds(365L * 86_400), T0);
        assertThatThrownBy(() -> params.resolve(year, ALL, year))
                .hasMessage("step=1m gives 525601 buckets per series over the range; at most 11000 are answered: "
                        + "use step=1h or coarser, or a shorter range.");
    }

    @Test
    void beyondTheAutoLaddersWeekItNamesTheFewestWholeDaysThatFit() {
        DownsampleParams params = DownsampleParams.parse(Map.of("step", List.of("1d")), CPU);
        TimeRange ages = new TimeRange(Instant.parse("1800-01-01T00:00:00Z"), T0);
        // 7d gives 11,840 buckets here; 8d gives 10,360
        assertThatThrownBy(() -> params.resolve(ages, ALL, ages))
                .hasMessage("step=1d gives 82869 buckets per series over the range; at most 11000 are answered: "
                        + "use step=8d or coarser, or a shorter range.");
        DownsampleParams suggested = DownsampleParams.parse(Map.of("step", List.of("8d")), CPU);
        assertThat(suggested.resolve(ages, ALL, ages).step().text()).isEqualTo("8d");
    }

    @Test
    void aggOnAHistogramSaysWhatItsBucketsAnswer() {
        assertThatThrownBy(() -> DownsampleParams.parse(Map.of("step", List.of("1h"), "agg", List.of("max")), LATENCY))
                .hasMessage("'agg' applies to gauges only; a histogram bucket always answers its merged buckets.");
    }
}
