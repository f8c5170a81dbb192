package io.meterline.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Round trips of the persisted and wire forms: labels, buckets, points and definitions. */
class CodecTest {

    @Test
    void canonicalLabelsAreSortedAndRoundTripOddCharacters() {
        Labels labels = Labels.of(Map.of("z", "quote \" comma , newline \n ünïcödé", "a", "1"));
        assertThat(labels.canonical()).startsWith("{\"a\":\"1\",\"z\":");
        assertThat(Labels.fromCanonical(labels.canonical())).isEqualTo(labels);
        assertThat(Labels.EMPTY.canonical()).isEqualTo("{}");
    }

    @Test
    void bucketsEncodeAndDecode() {
        HistogramBuckets b = new HistogramBuckets(Map.of(0.25, 1L, 10.0, 2L, Double.POSITIVE_INFINITY, 0L));
        assertThat(b.encode()).isEqualTo("=0.25;10;+Inf|01120");
        assertThat(HistogramBuckets.decode(b.encode())).isEqualTo(b);
    }

    /** decode remembers the last bound texts per position: texts that differ must still decode as written. */
    @Test
    void bucketsDecodeRightWhateverWasDecodedBefore() {
        java.util.Random random = new java.util.Random(7);
        double[] choices = {-1, 0, 0.005, 0.05, 0.5, 1, 1.5, 10, 15, 100, 1e6, Double.POSITIVE_INFINITY};
        for (int i = 0; i < 2_000; i++) {
            java.util.TreeMap<Double, Long> counts = new java.util.TreeMap<>();
            for (double bound : choices) {
                if (random.nextInt(3) > 0) {
                    counts.put(bound, (long) random.nextInt(1_000));
                }
            }
            HistogramBuckets b = new HistogramBuckets(counts);
            assertThat(HistogramBuckets.decode(b.encode())).isEqualTo(b);
            assertThat(HistogramBuckets.decode(b.encode()).counts()).containsExactlyEntriesOf(counts);
        }
        assertThat(HistogramBuckets.decode("1:2;10:3").counts()).containsExactly(Map.entry(1.0, 2L), Map.entry(10.0, 3L));
        assertThat(HistogramBuckets.decode("1.5:2;100:3").counts()).containsExactly(Map.entry(1.5, 2L), Map.entry(100.0, 3L));
        assertThat(HistogramBuckets.decode("").counts()).isEmpty();
    }

    /** Decoded rows with the same bounds share one bounds array and add by position; others merge: both as a map would. */
    @Test
    void decodedBucketsAddAsMapsDo() {
        java.util.Random random = new java.util.Random(3);
        double[] choices = {0.005, 0.5, 1, 10, 100, Double.POSITIVE_INFINITY};
        HistogramBuckets previous = HistogramBuckets.decode("1:1");
        for (int i = 0; i < 2_000; i++) {
            java.util.TreeMap<Double, Long> counts = new java.util.TreeMap<>();
            for (double bound : choices) {
                if (random.nextInt(4) > 0) {
                    counts.put(bound, (long) random.nextInt(1_000));
                }
            }
            HistogramBuckets b = HistogramBuckets.decode(new HistogramBuckets(counts).encode());
            java.util.TreeMap<Double, Long> expected = new java.util.TreeMap<>(previous.counts());
            b.counts().forEach((bound, count) -> expected.merge(bound, count, Long::sum));
            assertThat(previous.plus(b).counts()).containsExactlyEntriesOf(expected);
            previous = previous.plus(b);
        }
        HistogramBuckets a = HistogramBuckets.decode("1:2;10:3;+Inf:0");
        HistogramBuckets c = HistogramBuckets.decode("1:5;10:7;+Inf:1");
        assertThat(a.plus(c).counts()).containsExactly(Map.entry(1.0, 7L), Map.entry(10.0, 10L),
                Map.entry(Double.POSITIVE_INFINITY, 1L));
    }

    /** The streamed answer, for every kind of point, is the contract's text (and the tree's). */
    @Test
    void streamedPointJsonIsTheContractsText() throws Exception {
        Instant t = Instant.parse("2026-11-20T11:00:00.123Z");
        Labels labels = Labels.of(Map.of("h", "a \" b", "z", "ü"));
        String l = "\"labels\":{\"h\":\"a \\\" b\",\"z\":\"ü\"}";
        Map<Point, String> expected = new java.util.LinkedHashMap<>();
        expected.put(new Point.Gauge("g", labels, t, -0.1), "{" + l + ",\"value\":-0.1,\"timestamp\":\"2026-11-20T11:00:00.123Z\"}");
        expected.put(new Point.Gauge("g", labels, Instant.parse("2026-11-20T11:00:00Z"), 1e300),
                "{" + l + ",\"value\":1.0E300,\"timestamp\":\"2026-11-20T11:00:00Z\"}");
        expected.put(new Point.EnumSample("e", labels, t, "DOWN"), "{" + l + ",\"value\":\"DOWN\",\"timestamp\":\"2026-11-20T11:00:00.123Z\"}");
        expected.put(new Point.Histogram("h", labels, t, new HistogramBuckets(Map.of(0.5, 2L, Double.POSITIVE_INFINITY, 3L)), 7.5),
                "{" + l + ",\"buckets\":{\"0.5\":2,\"+Inf\":3},\"value\":7.5,\"timestamp\":\"2026-11-20T11:00:00.123Z\"}");
        expected.put(new Point.Histogram("h", labels, t, new HistogramBuckets(Map.of(10.0, 1L)), null),
                "{" + l + ",\"buckets\":{\"10\":1},\"timestamp\":\"2026-11-20T11:00:00.123Z\"}");
        for (Map.Entry<Point, String> e : expected.entrySet()) {
            java.io.StringWriter text = new java.io.StringWriter();
            try (var out = Json.MAPPER.getFactory().createGenerator(text)) {
                PointJson.write(out, e.getKey());
            }
            assertThat(text.toString()).isEqualTo(e.getValue());
            assertThat(Json.MAPPER.writeValueAsString(PointJson.toJson(e.getKey(), false))).isEqualTo(e.getValue());
        }
    }

    @Test
    void pointJsonParsesBackToTheSamePoint() throws Exception {
        Instant t = Instant.parse("2026-11-20T11:00:00.123Z");
        MetricDefinition def = new MetricDefinition("lat", MetricType.HISTOGRAM, List.of("h"), t, "", "", null, null);
        Point p = new Point.Histogram("lat", Labels.of(Map.of("h", "a")), t,
                new HistogramBuckets(Map.of(1.0, 2L, Double.POSITIVE_INFINITY, 3L)), 7.5);
        var json = PointJson.toJson(p, true);
        assertThat(json.toString()).isEqualTo(
                "{\"metric\":\"lat\",\"labels\":{\"h\":\"a\"},\"buckets\":{\"1\":2,\"+Inf\":3},\"value\":7.5,"
                        + "\"timestamp\":\"2026-11-20T11:00:00.123Z\"}");
        PointParser parser = new PointParser(Limits.DEFAULTS, Clock.fixed(t, ZoneOffset.UTC));
        assertThat(parser.parse(json, def)).isEqualTo(p);
    }

    @Test
    void definitionJsonRoundTrips() {
        MetricDefinition def = new MetricDefinition("status", MetricType.ENUM, List.of("service"),
                Instant.parse("2026-11-20T11:00:00Z"), "d", "u", List.of("OK", "DOWN"), null);
        assertThat(DefinitionJson.parse(DefinitionJson.toJson(def), Clock.systemUTC())).isEqualTo(def);
    }

    @Test
    void aDefinitionHasAtMost32LabelKeys() throws Exception {
        String keys = java.util.stream.IntStream.range(0, 33).mapToObj(i -> "\"k" + i + "\"")
                .collect(java.util.stream.Collectors.joining(","));
        String json = "{\"name\":\"wide\",\"type\":\"gauge\",\"label_keys\":[" + keys + "]}";
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> DefinitionJson.parse(Json.MAPPER.readTree(json),
                Clock.systemUTC())).isInstanceOf(InvalidInputException.class)
                .hasMessage("a metric has at most 32 label keys, not 33.");
    }

    @Test
    void quantilesInterpolateInsideTheBucketLikeHistogramQuantile() {
        HistogramBuckets b = new HistogramBuckets(Map.of(10.0, 50L, 100.0, 40L, 1000.0, 9L, Double.POSITIVE_INFINITY, 1L));
        assertThat(HistogramQuantiles.quantile(b, 0.5)).isEqualTo(10.0);
        assertThat(HistogramQuantiles.quantile(b, 0.25)).isEqualTo(5.0);
        assertThat(HistogramQuantiles.quantile(b, 0.9)).isEqualTo(100.0);
        assertThat(HistogramQuantiles.quantile(b, 0.95)).isEqualTo(100.0 + 900.0 * 5 / 9);
        assertThat(HistogramQuantiles.quantile(b, 0.999)).isEqualTo(1000.0);
        assertThat(HistogramQuantiles.quantile(new HistogramBuckets(Map.of()), 0.5)).isNull();
    }
}
