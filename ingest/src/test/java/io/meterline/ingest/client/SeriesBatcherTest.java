package io.meterline.ingest.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.meterline.core.Json;
import io.meterline.core.Labels;
import io.meterline.core.Point;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SeriesBatcherTest {

    private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

    private static Point gauge(String host, int second) {
        return new Point.Gauge("cpu", Labels.of(Map.of("host", host)), T0.plusSeconds(second), second);
    }

    @Test
    void pointsOfOneSeriesShareARecordKeyedByTheSeries() {
        SeriesBatcher batcher = new SeriesBatcher(100);
        batcher.add(gauge("a", 1));
        batcher.add(gauge("b", 1));
        batcher.add(gauge("a", 2));
        assertThat(batcher.buffered()).isEqualTo(3);

        List<SeriesBatcher.SeriesBatch> batches = batcher.drain();
        assertThat(batches).extracting(SeriesBatcher.SeriesBatch::key)
                .containsExactly("cpu{\"host\":\"a\"}", "cpu{\"host\":\"b\"}");
        assertThat(batches.get(0).points()).extracting(Point::timestamp)
                .containsExactly(T0.plusSeconds(1), T0.plusSeconds(2));
        assertThat(batcher.buffered()).isZero();
        assertThat(batcher.drain()).isEmpty();
    }

    @Test
    void aFullSeriesIsHandedBackAtOnceAndOthersStayBuffered() {
        SeriesBatcher batcher = new SeriesBatcher(3);
        assertThat(batcher.add(gauge("a", 1))).isEmpty();
        assertThat(batcher.add(gauge("b", 1))).isEmpty();
        assertThat(batcher.add(gauge("a", 2))).isEmpty();
        assertThat(batcher.add(gauge("b", 2))).isEmpty();

        Optional<SeriesBatcher.SeriesBatch> full = batcher.add(gauge("a", 3));
        assertThat(full).isPresent();
        assertThat(full.get().points()).extracting(p -> p.labels().get("host")).containsExactly("a", "a", "a");
        assertThat(batcher.buffered()).isEqualTo(2);
        assertThat(batcher.drain()).singleElement().satisfies(b -> assertThat(b.key()).contains("\"b\""));
    }

    @Test
    void everyPointAddedLeavesExactlyOnceInOrder() {
        SeriesBatcher batcher = new SeriesBatcher(4);
        List<Point> out = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            batcher.add(gauge("h" + (i % 7), i)).ifPresent(b -> out.addAll(b.points()));
        }
        batcher.drain().forEach(b -> out.addAll(b.points()));
        assertThat(out).hasSize(1_000);
        for (int h = 0; h < 7; h++) {
            String host = "h" + h;
            List<Instant> times = out.stream().filter(p -> p.labels().get("host").equals(host))
                    .map(Point::timestamp).toList();
            assertThat(times).isSorted();
        }
    }

    @Test
    void oneRecordValueIsAnObjectAndSeveralAnArrayEachWithItsMetric() throws Exception {
        var one = Json.MAPPER.readTree(PointRecordValue.encode(List.of(gauge("a", 1))));
        assertThat(one.isObject()).isTrue();
        assertThat(one.get("metric").asText()).isEqualTo("cpu");
        var two = Json.MAPPER.readTree(PointRecordValue.encode(List.of(gauge("a", 1), gauge("a", 2))));
        assertThat(two.isArray()).isTrue();
        assertThat(two).hasSize(2);
        // epoch milliseconds on the topic: the contract allows it, and the stream reads it cheaply
        assertThat(two.get(1).get("timestamp").asLong()).isEqualTo(java.time.Instant.parse("2024-01-01T00:00:02Z").toEpochMilli());
        assertThat(two.get(1).get("metric").asText()).isEqualTo("cpu");
    }
}
