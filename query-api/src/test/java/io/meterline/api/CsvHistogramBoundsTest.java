package io.meterline.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.meterline.core.HistogramBuckets;
import io.meterline.core.LabelFilter;
import io.meterline.core.Labels;
import io.meterline.core.MetricDefinition;
import io.meterline.core.MetricRegistry;
import io.meterline.core.MetricType;
import io.meterline.core.Point;
import io.meterline.core.TimeRange;
import io.meterline.core.storage.Bucket;
import io.meterline.core.storage.DownsampleQuery;
import io.meterline.core.storage.HistogramTotals;
import io.meterline.core.storage.MetricReader;
import io.meterline.core.storage.RawPage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A histogram's raw CSV names its {@code le_} columns from the very points it exports, over a real
 * socket. The storage stands in with totals that do not know the newest bound yet, as the hourly
 * rollups do for about a second after a commit: that bound's counts must still be in the file.
 */
class CsvHistogramBoundsTest {

    private static final MetricDefinition LATENCY =
            new MetricDefinition("latency", MetricType.HISTOGRAM, List.of(), Instant.EPOCH, "", "", null, null);
    private static final Instant T = Instant.parse("2026-11-01T10:00:00Z");
    private HttpApi api;

    /** Raw points with bounds 1 and 5; totals that have seen bound 1 only. */
    private static final class LaggingTotals implements MetricReader {
        private final List<Point> points = List.of(
                new Point.Histogram("latency", Labels.EMPTY, T, new HistogramBuckets(Map.of(1.0, 3L)), null),
                new Point.Histogram("latency", Labels.EMPTY, T.plusSeconds(10),
                        new HistogramBuckets(Map.of(1.0, 1L, 5.0, 7L)), 12.5));

        @Override
        public RawPage readRaw(MetricDefinition metric, TimeRange range, LabelFilter filter, int limit) {
            return new RawPage(points, null);
        }

        @Override
        public void scanRaw(MetricDefinition metric, TimeRange range, LabelFilter filter, long limit, Consumer<Point> out) {
            points.stream().limit(limit).forEach(out);
        }

        @Override
        public Map<String, Long> stateCounts(MetricDefinition metric, TimeRange range, LabelFilter filter) {
            return Map.of();
        }

        @Override
        public HistogramTotals histogramTotals(MetricDefinition metric, TimeRange range, LabelFilter filter) {
            return new HistogramTotals(new HistogramBuckets(Map.of(1.0, 3L)), 3, null);
        }

        @Override
        public void downsample(MetricDefinition metric, DownsampleQuery query, Consumer<Bucket> out) {
        }

        @Override
        public TimeRange extent(MetricDefinition metric) {
            return new TimeRange(T, T.plusSeconds(10));
        }

        @Override
        public Map<String, List<String>> labelValues(MetricDefinition metric) {
            return Map.of();
        }
    }

    @BeforeEach
    void start() {
        api = ReaderOnlyApi.start(MetricRegistry.of(LATENCY), new LaggingTotals());
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void everyBoundOfTheExportedPointsHasItsColumn() throws Exception {
        HttpResponse<String> csv = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + api.port() + "/metrics/latency/data.csv")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(csv.statusCode()).isEqualTo(200);
        List<String> lines = csv.body().lines().toList();
        assertThat(lines.get(0)).isEqualTo("timestamp,le_1,le_5,sum");
        assertThat(lines.get(2)).endsWith(",1,7,12.5");
    }
}
