package io.meterline.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Buckets start at multiples of the step since 1970-01-01T00:00:00Z: UTC calendar alignment. */
class StepTest {

    @ParameterizedTest(name = "{0} holding {1} starts at {2}")
    @CsvSource(delimiter = '|', textBlock = """
        # step | time                      | bucket start
          10s  | 2026-11-23T10:00:09.999Z  | 2026-11-23T10:00:00Z
          10s  | 2026-11-23T10:00:10Z      | 2026-11-23T10:00:10Z
          90s  | 2026-11-23T00:01:29Z      | 2026-11-23T00:00:00Z
          90s  | 2026-11-23T00:01:30Z      | 2026-11-23T00:01:30Z
          5m   | 2026-11-23T10:04:59Z      | 2026-11-23T10:00:00Z
          1h   | 2026-11-23T10:59:59.999Z  | 2026-11-23T10:00:00Z
          3h   | 2026-11-23T02:00:00Z      | 2026-11-23T00:00:00Z
          1d   | 2026-11-23T23:59:59Z      | 2026-11-23T00:00:00Z
          7d   | 2026-11-23T12:00:00Z      | 2026-11-19T00:00:00Z
          1d   | 1969-12-31T12:00:00Z      | 1969-12-31T00:00:00Z
        """)
    void bucketStartsAreAlignedToTheEpoch(String step, String time, String start) {
        assertThat(Step.parse(step).bucketStart(Instant.parse(time))).isEqualTo(Instant.parse(start));
    }

    @ParameterizedTest(name = "{0} to {1} in at most {2} buckets: step {3}")
    @CsvSource(delimiter = '|', textBlock = """
        # start                | end                   | max_points | auto step
          2026-11-23T00:00:00Z | 2026-11-23T00:16:39Z  | 1000       | 1s
          2026-11-23T00:00:00Z | 2026-11-23T00:16:40Z  | 1000       | 5s
          2026-11-23T00:00:00Z | 2026-11-24T00:00:00Z  | 1000       | 5m
          2026-11-23T00:00:00Z | 2026-11-24T00:00:00Z  | 100        | 30m
          2025-11-23T00:00:00Z | 2026-11-23T00:00:00Z  | 1000       | 12h
          2000-01-01T00:00:00Z | 2026-11-23T00:00:00Z  | 10         | 7d
        """)
    void autoPicksTheFinestLadderStepThatFits(String start, String end, int maxPoints, String step) {
        assertThat(Step.auto(Instant.parse(start), Instant.parse(end), maxPoints).text()).isEqualTo(step);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0s", "10", "1w", "1.5m", "-5m", "m", "99999999s"})
    void refusesWhatIsNotAWholeNumberOfAUnit(String text) {
        assertThatThrownBy(() -> Step.parse(text)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("step must be");
    }
}
