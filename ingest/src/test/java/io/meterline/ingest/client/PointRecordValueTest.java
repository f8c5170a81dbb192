package io.meterline.ingest.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.meterline.core.HistogramBuckets;
import io.meterline.core.Json;
import io.meterline.core.Labels;
import io.meterline.core.Point;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class PointRecordValueTest {

    private static final Instant T = Instant.parse("2026-11-01T00:00:00Z");

    @Test
    void aLongSeriesIsSplitIntoRecordsOfAThousandPointsInOrder() throws IOException {
        List<Point> points = new ArrayList<>();
        for (int i = 0; i < 2_500; i++) {
            points.add(new Point.Gauge("cpu", Labels.EMPTY, T.plusSeconds(i), i));
        }
        List<byte[]> values = PointRecordValue.encodeInRecords(points);

        assertThat(values).hasSize(3);
        List<Double> decoded = new ArrayList<>();
        for (byte[] v : values) {
            JsonNode array = Json.MAPPER.readTree(v);
            assertThat(array.size()).isLessThanOrEqualTo(PointRecordValue.POINTS_PER_RECORD);
            array.forEach(p -> decoded.add(p.get("value").asDouble()));
        }
        assertThat(decoded).hasSize(2_500).isSorted();
    }

    @Test
    void recordsOfLargeHistogramsAreSplitUnderTheByteLimit() throws IOException {
        Map<Double, Long> buckets = new TreeMap<>();
        for (int b = 1; b <= 200; b++) {
            buckets.put(b * 1.5, (long) b);
        }
        List<Point> points = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            points.add(new Point.Histogram("latency", Labels.EMPTY, T.plusSeconds(i), new HistogramBuckets(buckets), 1.0));
        }
        List<byte[]> values = PointRecordValue.encodeInRecords(points);

        assertThat(values.size()).isGreaterThan(1);
        int total = 0;
        for (byte[] v : values) {
            assertThat(v.length).isLessThanOrEqualTo(PointRecordValue.MAX_BYTES);
            total += Json.MAPPER.readTree(v).size();
        }
        assertThat(total).isEqualTo(1_000);
    }

    @Test
    void onePointIsAnObjectNotAnArray() throws IOException {
        List<byte[]> values = PointRecordValue.encodeInRecords(List.of(new Point.Gauge("cpu", Labels.EMPTY, T, 1)));
        assertThat(Json.MAPPER.readTree(values.get(0)).isObject()).isTrue();
    }
}
