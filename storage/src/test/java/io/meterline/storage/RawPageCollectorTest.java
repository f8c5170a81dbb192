package io.meterline.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meterline.core.InvalidInputException;
import io.meterline.core.Labels;
import io.meterline.core.Point;
import io.meterline.core.storage.RawPage;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RawPageCollectorTest {

    private static Point at(long second, String host) {
        return new Point.Gauge("m", Labels.of(Map.of("host", host)), Instant.ofEpochSecond(second), second);
    }

    private static RawPage collect(int limit, Point... points) {
        RawPageCollector c = new RawPageCollector(limit);
        for (Point p : points) {
            if (!c.add(p)) {
                break;
            }
        }
        return c.finish();
    }

    @Test
    void aPageThatFitsHasNoNextStartAndIsOrderedBySeriesWithinATimestamp() {
        RawPage page = collect(3, at(1, "b"), at(1, "a"), at(2, "a"));
        assertThat(page.points()).containsExactly(at(1, "a"), at(1, "b"), at(2, "a"));
        assertThat(page.nextStart()).isNull();
    }

    @Test
    void aFullPageEndsBeforeTheTimestampThatDoesNotFit() {
        RawPage page = collect(3, at(1, "a"), at(2, "a"), at(2, "b"), at(2, "c"), at(3, "a"));
        assertThat(page.points()).containsExactly(at(1, "a"));
        assertThat(page.nextStart()).isEqualTo(Instant.ofEpochSecond(2));
    }

    @Test
    void aPageEndingExactlyAtATimestampBoundaryKeepsIt() {
        RawPage page = collect(2, at(1, "a"), at(1, "b"), at(2, "a"));
        assertThat(page.points()).containsExactly(at(1, "a"), at(1, "b"));
        assertThat(page.nextStart()).isEqualTo(Instant.ofEpochSecond(2));
    }

    @Test
    void oneTimestampOverTheLimitIsAClientError() {
        assertThatThrownBy(() -> collect(2, at(1, "a"), at(1, "b"), at(1, "c")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("more than 2 points share the timestamp 1970-01-01T00:00:01Z");
    }

    @Test
    void placeholderListsArePaddedToAPowerOfTwo() {
        assertThat(RangeQuery.padded(List.of("a", "b", "c"))).containsExactly("a", "b", "c", "");
        assertThat(RangeQuery.padded(List.of("a", "b"))).containsExactly("a", "b");
        assertThat(RangeQuery.padded(List.of())).isEmpty();
    }
}
