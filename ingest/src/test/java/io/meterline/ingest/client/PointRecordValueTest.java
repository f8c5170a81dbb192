package io.meterline.ingest.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.meterline.core.HistogramBuckets;
import io.meterline.core.Json;
import io.meterline.core.Labels;
import io.meterline.core.Point;
import io.meterline.core.PointText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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

    /** Texts as they came from a body, joined into one array per record; a record with a point lacking its text is written anew. */
    @Test
    void pointsWithTheirTextGoAsTheTextJoinedAndTheRestAreWritten() throws IOException {
        byte[] body = ("{\"metric\":\"cpu\",\"labels\":{},\"value\":1.50,\"timestamp\":1}\n"
                + "{\"metric\":\"cpu\", \"labels\":{},\"value\":2,\"timestamp\":2}").getBytes(StandardCharsets.UTF_8);
        int newline = indexOf(body, (byte) '\n');
        List<PointText> texts = List.of(new PointText(body, 0, newline), new PointText(body, newline + 1, body.length - newline - 1));
        List<Point> points = List.of(new Point.Gauge("cpu", Labels.EMPTY, Instant.ofEpochMilli(1), 1.5),
                new Point.Gauge("cpu", Labels.EMPTY, Instant.ofEpochMilli(2), 2));

        List<byte[]> joined = PointRecordValue.encodeInRecords(points, texts);
        assertThat(new String(joined.get(0), StandardCharsets.UTF_8)).isEqualTo("[" + new String(body, StandardCharsets.UTF_8)
                .replace("\n", ",") + "]");
        assertThat(new String(PointRecordValue.encodeInRecords(points.subList(1, 2), texts.subList(1, 2)).get(0),
                StandardCharsets.UTF_8)).isEqualTo("{\"metric\":\"cpu\", \"labels\":{},\"value\":2,\"timestamp\":2}");

        List<PointText> oneMissing = new ArrayList<>(texts);
        oneMissing.set(1, null);
        assertThat(PointRecordValue.encodeInRecords(points, oneMissing)).singleElement()
                .satisfies(v -> assertThat(v).isEqualTo(PointRecordValue.encode(points)));
    }

    private static int indexOf(byte[] bytes, byte b) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
