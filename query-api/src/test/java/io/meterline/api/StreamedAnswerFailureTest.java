package io.meterline.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.meterline.core.Json;
import io.meterline.core.LabelFilter;
import io.meterline.core.Labels;
import io.meterline.core.MetricDefinition;
import io.meterline.core.MetricRegistry;
import io.meterline.core.MetricType;
import io.meterline.core.Point;
import io.meterline.core.TimeRange;
import io.meterline.core.UnavailableException;
import io.meterline.core.storage.Bucket;
import io.meterline.core.storage.DownsampleQuery;
import io.meterline.core.storage.HistogramTotals;
import io.meterline.core.storage.MetricReader;
import io.meterline.core.storage.RawPage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Over a real socket, with storage standing in as failing while a CSV export or a downsampled JSON
 * answer streams. Before the first row the client gets the error as the whole body; after it, a
 * cut connection. It must never get a body that looks whole: under gzip, a failed CSV export came
 * as a 200 holding a valid gzip of a file cut mid-row, and a failed JSON answer as the buckets so
 * far with the error glued after them.
 */
class StreamedAnswerFailureTest {

    private static final MetricDefinition CPU =
            new MetricDefinition("cpu", MetricType.GAUGE, List.of(), Instant.EPOCH, "", "", null, null);
    private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");

    private HttpApi api;
    private final HttpClient client = HttpClient.newHttpClient();
    /** How many rows or buckets the failing read hands over first. */
    private volatile int rowsBeforeFailing;
    private volatile RuntimeException failure;

    @BeforeEach
    void start() {
        MetricReader failing = new MetricReader() {
            @Override
            public RawPage readRaw(MetricDefinition metric, TimeRange range, LabelFilter filter, int limit) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Map<String, Long> stateCounts(MetricDefinition metric, TimeRange range, LabelFilter filter) {
                throw new UnsupportedOperationException();
            }

            @Override
            public HistogramTotals histogramTotals(MetricDefinition metric, TimeRange range, LabelFilter filter) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void scanRaw(MetricDefinition metric, TimeRange range, LabelFilter filter, long limit,
                                Consumer<Point> out) {
                for (int i = 0; i < rowsBeforeFailing; i++) {
                    out.accept(new Point.Gauge("cpu", Labels.EMPTY, T0.plusSeconds(i), 1.5));
                }
                throw failure;
            }

            @Override
            public void downsample(MetricDefinition metric, DownsampleQuery query, Consumer<Bucket> out) {
                for (int i = 0; i < rowsBeforeFailing; i++) {
                    Instant start = T0.plusSeconds(i);
                    out.accept(new Bucket.GaugeBucket(Labels.EMPTY, start, 1, 1.5, 1.5, 1.5, 1.5, start));
                }
                throw failure;
            }

            @Override
            public TimeRange extent(MetricDefinition metric) {
                return new TimeRange(T0, T0.plusSeconds(86_399));
            }

            @Override
            public Map<String, List<String>> labelValues(MetricDefinition metric) {
                return Map.of();
            }
        };
        api = ReaderOnlyApi.start(MetricRegistry.of(CPU), failing);
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private static final String CSV = "/metrics/cpu/data.csv";
    private static final String DOWNSAMPLED = "/metrics/cpu/data?step=1s&start_time=" + T0 + "&end_time="
            + T0.plusSeconds(10_000);

    @Test
    void aFailureBeforeTheFirstRowAnswersTheError() throws Exception {
        rowsBeforeFailing = 0;
        for (String path : List.of(CSV, DOWNSAMPLED)) {
            for (boolean gzip : new boolean[] {false, true}) {
                failure = new IllegalStateException("storage broke");
                assertError(get(path, gzip), 500, "Internal error");
                failure = new UnavailableException("storage is unavailable; retry later.", null);
                assertError(get(path, gzip), 503, "storage is unavailable; retry later.");
            }
        }
    }

    @Test
    void aFailureAfterRowsWentOutCutsTheConnection() {
        failure = new IllegalStateException("storage broke");
        for (String path : List.of(CSV, DOWNSAMPLED)) {
            // a few rows still in the response buffer, and enough to have sent some
            for (int rows : new int[] {3, 9_000}) {
                rowsBeforeFailing = rows;
                for (boolean gzip : new boolean[] {false, true}) {
                    assertThatThrownBy(() -> get(path, gzip)).as("%s, %d rows, gzip %s", path, rows, gzip)
                            .isInstanceOf(IOException.class);
                }
            }
        }
    }

    private HttpResponse<byte[]> get(String path, boolean gzip) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + path));
        if (gzip) {
            request.header("Accept-Encoding", "gzip");
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static void assertError(HttpResponse<byte[]> response, int status, String error) throws Exception {
        String text = new String(response.body(), StandardCharsets.UTF_8);
        assertThat(response.statusCode()).as(text).isEqualTo(status);
        JsonNode json = Json.MAPPER.readTree(text);
        assertThat(json.get("error").asText()).as(text).contains(error);
    }
}
