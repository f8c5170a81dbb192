package io.meterline.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.meterline.core.TimeParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole pipeline for real: the app with its embedded broker and QuestDB, over HTTP sockets
 * and a plain Kafka producer; then a restart on the same data folder.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PipelineIT {

    @TempDir
    static Path dataDir;
    static Application app;
    static Http http;
    static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(2, ChronoUnit.HOURS);

    @BeforeAll
    static void start() {
        startApp();
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    static void startApp() {
        app = new Application(AppConfig.from(new String[] {"--port", "0", "--data-dir", dataDir.toString(),
                "--partitions", "2"}, Map.of()), Clock.systemUTC());
        http = new Http(app.httpPort());
    }

    static String at(int seconds) {
        return T0.plusSeconds(seconds).toString();
    }

    @Test
    @Order(10)
    void definitionsAreCreatedListedAndShown() {
        assertThat(http.post("/metrics", "{\"name\":\"cpu_load\",\"type\":\"gauge\",\"label_keys\":[\"host\",\"region\"],"
                + "\"unit\":\"%\"}").status()).isEqualTo(201);
        assertThat(http.post("/metrics", "{\"name\":\"status\",\"type\":\"enum\",\"label_keys\":[\"service\"],"
                + "\"states\":[\"OK\",\"DEGRADED\",\"DOWN\"]}").status()).isEqualTo(201);
        Http.Response created = http.post("/metrics", "{\"name\":\"latency\",\"type\":\"histogram\",\"label_keys\":[],"
                + "\"buckets\":[10,100,\"+Inf\"]}");
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("message").asText()).isEqualTo("Success");

        Http.Response again = http.post("/metrics", "{\"name\":\"cpu_load\",\"type\":\"gauge\",\"label_keys\":[]}");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("error").asText()).isEqualTo("Metric with the same name already exists");

        JsonNode all = http.get("/metrics").json();
        assertThat(all).extracting(n -> n.get("name").asText()).containsExactly("cpu_load", "latency", "status");
        JsonNode cpu = http.get("/metrics/cpu_load").json();
        assertThat(cpu.get("type").asText()).isEqualTo("gauge");
        assertThat(cpu.get("label_keys")).extracting(JsonNode::asText).containsExactly("host", "region");
        assertThat(cpu.get("created_at").asText()).endsWith("Z");
        assertThat(http.get("/metrics/nope").status()).isEqualTo(404);
        assertThat(http.get("/metrics/nope").json().get("error").asText()).isEqualTo("Metric not found");
    }

    @Test
    @Order(20)
    void pointsPostedOneByOneInBatchesAndNdjsonBecomeQueryable() {
        Http.Response one = http.post("/metrics/cpu_load/data",
                "{\"labels\":{\"host\":\"a\",\"region\":\"eu\"},\"value\":1.5,\"timestamp\":\"" + at(0) + "\"}");
        assertThat(one.status()).isEqualTo(201);
        assertThat(one.json().get("id").asText()).isNotBlank();

        StringBuilder batch = new StringBuilder("[");
        for (int i = 1; i <= 9; i++) {
            batch.append(i > 1 ? "," : "").append("{\"labels\":{\"host\":\"").append(i % 2 == 0 ? "a" : "b")
                    .append("\",\"region\":\"eu\"},\"value\":").append(i).append(",\"timestamp\":").append(T0.plusSeconds(i * 10L).toEpochMilli()).append('}');
        }
        Http.Response batched = http.post("/metrics/cpu_load/data", batch.append(']').toString());
        assertThat(batched.status()).isEqualTo(201);
        assertThat(batched.json().get("count").asInt()).isEqualTo(9);

        String ndjson = "{\"metric\":\"cpu_load\",\"labels\":{\"host\":\"c\",\"region\":\"us\"},\"value\":7,\"timestamp\":\"" + at(100) + "\"}\n"
                + "{\"metric\":\"status\",\"labels\":{\"service\":\"api\"},\"value\":\"OK\",\"timestamp\":\"" + at(0) + "\"}\n"
                + "{\"metric\":\"status\",\"labels\":{\"service\":\"api\"},\"value\":\"OK\",\"timestamp\":\"" + at(60) + "\"}\n"
                + "{\"metric\":\"status\",\"labels\":{\"service\":\"db\"},\"value\":\"DOWN\",\"timestamp\":\"" + at(60) + "\"}\n"
                + "{\"metric\":\"latency\",\"labels\":{},\"buckets\":{\"10\":3,\"100\":5,\"+inf\":2},\"value\":420.5,\"timestamp\":\"" + at(0) + "\"}\n"
                + "{\"metric\":\"latency\",\"labels\":{},\"buckets\":{\"10\":1,\"100\":0,\"+Inf\":0},\"timestamp\":\"" + at(60) + "\"}\n";
        Http.Response nd = http.post("/data", ndjson, "application/x-ndjson");
        assertThat(nd.status()).isEqualTo(201);
        assertThat(nd.json().get("count").asInt()).isEqualTo(6);

        awaitCount("/metrics/cpu_load/data", 11);
        JsonNode all = http.get("/metrics/cpu_load/data").json();
        assertThat(all.get(0).get("value").asDouble()).isEqualTo(1.5);
        assertThat(all.get(0).get("timestamp").asText()).isEqualTo(TimeParser.format(T0));
        assertThat(all.get(0).get("labels").get("host").asText()).isEqualTo("a");
        awaitCount("/metrics/latency/data", 2);
    }

    @Test
    @Order(30)
    void historyIsFilteredByTimeAndLabelsAndPagedWithoutSplittingATimestamp() {
        assertThat(http.get("/metrics/cpu_load/data?host=c").json()).hasSize(1);
        assertThat(http.get("/metrics/cpu_load/data?host=a&host=c").json()).hasSize(6);
        assertThat(http.get("/metrics/cpu_load/data?host=a&region=us").json()).isEmpty();
        assertThat(http.get("/metrics/cpu_load/data?start_time=" + at(10) + "&end_time=" + at(30)).json()).hasSize(3);

        Http.Response page = http.get("/metrics/cpu_load/data?limit=4");
        assertThat(page.json()).hasSize(4);
        String next = page.header("X-Next-Start-Time");
        assertThat(next).isEqualTo(TimeParser.format(T0.plusSeconds(40)));
        List<Double> values = new ArrayList<>();
        String path = "/metrics/cpu_load/data?limit=4";
        while (true) {
            Http.Response r = http.get(path);
            r.json().forEach(p -> values.add(p.get("value").asDouble()));
            if (r.header("X-Next-Start-Time") == null) {
                break;
            }
            path = "/metrics/cpu_load/data?limit=4&start_time=" + r.header("X-Next-Start-Time");
        }
        assertThat(values).containsExactly(1.5, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 7.0);
    }

    @Test
    @Order(40)
    void distributionsAndHistogramBucketsComeBack() {
        assertThat(http.get("/metrics/status/distribution").json())
                .isEqualTo(json("{\"DOWN\":1,\"OK\":2}"));
        assertThat(http.get("/metrics/status/distribution?service=api").json()).isEqualTo(json("{\"OK\":2}"));
        assertThat(http.get("/metrics/status/distribution?service=api&").json()).isEqualTo(json("{\"OK\":2}"));
        assertError(http.get("/metrics/status/distribution?step=1m"), 400, "'step' is not a parameter of a distribution");
        assertError(http.get("/metrics/status/distribution?stpe=1m"), 400, "'stpe' is not a parameter of a distribution, which "
                + "takes start_time, end_time and the metric's label keys");
        assertError(http.get("/metrics/status/distribution?format=csv"), 400, "answered in JSON only");
        JsonNode latency = http.get("/metrics/latency/distribution").json();
        assertThat(latency.get("buckets")).isEqualTo(json("{\"10\":4,\"100\":5,\"+Inf\":2}"));
        assertThat(latency.get("count").asLong()).isEqualTo(11);
        assertThat(latency.get("sum").asDouble()).isEqualTo(420.5);
        assertThat(latency.get("p50").asDouble()).isBetween(10.0, 100.0);
        assertThat(latency.get("p99").asDouble()).isEqualTo(100.0);
        JsonNode raw = http.get("/metrics/latency/data").json();
        assertThat(raw.get(0).get("buckets")).isEqualTo(json("{\"10\":3,\"100\":5,\"+Inf\":2}"));
        assertThat(raw.get(0).get("value").asDouble()).isEqualTo(420.5);
        assertThat(raw.get(1).has("value")).isFalse();
        assertThat(http.get("/metrics/cpu_load/labels").json())
                .isEqualTo(json("{\"host\":[\"a\",\"b\",\"c\"],\"region\":[\"eu\",\"us\"]}"));
    }

    @Test
    @Order(45)
    void downsampledHistoryComesFromRollupsAndLatePointsReachThem() {
        String minuteAll = "/metrics/cpu_load/data?step=1m&agg=all&group_by=region&start_time=" + at(0) + "&end_time=" + at(119);
        JsonNode expected = json("["
                + "{\"labels\":{\"region\":\"eu\"},\"timestamp\":\"" + TimeParser.format(T0) + "\",\"avg\":2.75,\"min\":1.0,\"max\":5.0,\"sum\":16.5,\"count\":6,\"last\":5.0},"
                + "{\"labels\":{\"region\":\"eu\"},\"timestamp\":\"" + TimeParser.format(T0.plusSeconds(60)) + "\",\"avg\":7.5,\"min\":6.0,\"max\":9.0,\"sum\":30.0,\"count\":4,\"last\":9.0},"
                + "{\"labels\":{\"region\":\"us\"},\"timestamp\":\"" + TimeParser.format(T0.plusSeconds(60)) + "\",\"avg\":7.0,\"min\":7.0,\"max\":7.0,\"sum\":7.0,\"count\":1,\"last\":7.0}]");
        // the 1m tier is brought up to date before the stream commits its offsets: within about a second
        awaitTrue(() -> http.get(minuteAll).json().equals(expected));
        // the same answer from raw points (a 30s step can't use the minute tier)
        JsonNode raw = http.get("/metrics/cpu_load/data?step=30s&agg=sum&group_by=&start_time=" + at(0) + "&end_time=" + at(119)).json();
        assertThat(raw).extracting(n -> n.get("value").asDouble()).containsExactly(4.5, 12.0, 21.0, 16.0);
        Http.Response auto = http.get("/metrics/cpu_load/data?step=auto&max_points=10&start_time=" + at(0) + "&end_time=" + at(119));
        assertThat(auto.header("X-Step")).isEqualTo("30s");

        // an hour late: still counted in its minute and hour
        assertThat(http.post("/metrics/cpu_load/data", "{\"labels\":{\"host\":\"late\",\"region\":\"eu\"},\"value\":100,\"timestamp\":\""
                + T0.minusSeconds(3_000) + "\"}").status()).isEqualTo(201);
        String hourly = "/metrics/cpu_load/data?step=1h&agg=count&group_by=&start_time=" + T0.minusSeconds(3_600) + "&end_time=" + at(3_599);
        awaitTrue(() -> http.get(hourly).json().size() == 2);
        assertThat(http.get(hourly).json()).extracting(n -> n.get("value").asInt()).containsExactly(1, 11);
        assertThat(http.get(hourly).json()).allSatisfy(n -> assertThat(n.get("value").isIntegralNumber())
                .as("a count is a whole number, as in agg=all: %s", n).isTrue());
        // bounds inside an hour are inclusive bounds still: the hour's edges come from raw points
        String cut = "/metrics/cpu_load/data?step=1h&agg=count&group_by=&start_time=" + T0.minusSeconds(3_000).plusMillis(1)
                + "&end_time=" + at(59);
        assertThat(http.get(cut).json()).extracting(n -> n.get("value").asInt()).containsExactly(6);

        assertError(http.get("/metrics/cpu_load/data?agg=max"), 400, "needs a step");
        assertError(http.get("/metrics/status/data?step=1m&agg=max"), 400, "applies to gauges only");
        assertError(http.get("/metrics/cpu_load/data?step=1s&start_time=2026-01-01T00:00:00Z&end_time=2026-02-01T00:00:00Z"),
                400, "use step=");
        JsonNode enumBuckets = http.get("/metrics/status/data?step=1h&group_by=").json();
        assertThat(enumBuckets.get(0).get("counts")).isEqualTo(json("{\"DOWN\":1,\"OK\":2}"));
        JsonNode histogramBuckets = http.get("/metrics/latency/data?step=1d").json();
        assertThat(histogramBuckets.get(0).get("buckets")).isEqualTo(json("{\"10\":4,\"100\":5,\"+Inf\":2}"));
        assertThat(histogramBuckets.get(0).get("p99").asDouble()).isEqualTo(100.0);
    }

    /**
     * A day of points sent newest-first, and a CSV import of last month's points, end to end: every
     * hourly and daily rollup equals the aggregate the test computes itself from what it sent.
     */
    @Test
    @Order(46)
    void backfillsNewestFirstAndLastMonthsCsvReachTheirRollupsWhole() {
        http.post("/metrics", "{\"name\":\"backfill\",\"type\":\"gauge\",\"label_keys\":[\"host\"]}");
        java.util.Random random = new java.util.Random(46);
        Instant day = T0.truncatedTo(ChronoUnit.DAYS).minus(3, ChronoUnit.DAYS);
        List<Map.Entry<Instant, Integer>> a = new ArrayList<>();
        for (int i = 0; i < 8_640; i++) {
            a.add(Map.entry(day.plusSeconds(10L * i), random.nextInt(1_000)));
        }
        StringBuilder batch = new StringBuilder();
        for (int i = a.size() - 1; i >= 0; i--) { // newest first
            batch.append(batch.length() == 0 ? "[" : ",").append("{\"labels\":{\"host\":\"a\"},\"value\":")
                    .append(a.get(i).getValue()).append(",\"timestamp\":\"").append(a.get(i).getKey()).append("\"}");
            if (i % 1_000 == 0) {
                assertThat(http.post("/metrics/backfill/data", batch.append(']').toString()).status()).isEqualTo(201);
                batch.setLength(0);
            }
        }
        Instant month = T0.truncatedTo(ChronoUnit.DAYS).minus(28, ChronoUnit.DAYS);
        List<Map.Entry<Instant, Integer>> b = new ArrayList<>();
        StringBuilder csv = new StringBuilder("timestamp,host,value\r\n");
        for (int i = 0; i < 20_000; i++) {
            Map.Entry<Instant, Integer> p = Map.entry(month.plusSeconds(60L * i), random.nextInt(1_000));
            b.add(p);
            csv.append(p.getKey()).append(",b,").append(p.getValue()).append("\r\n");
        }
        Http.Response imported = http.post("/metrics/backfill/data", csv.toString(), "text/csv");
        assertThat(imported.status()).as(imported.body()).isEqualTo(201);

        for (String step : List.of("1h", "1d")) {
            long width = step.equals("1h") ? 3_600 : 86_400;
            JsonNode expected = json(expectedBuckets(Map.of("a", a, "b", b), width));
            String path = "/metrics/backfill/data?step=" + step + "&agg=all&start_time=" + month + "&end_time=" + T0;
            try {
                awaitTrue(() -> bySeriesAndTime(http.get(path).json()).equals(bySeriesAndTime(expected)));
            } catch (AssertionError e) {
                assertThat(bySeriesAndTime(http.get(path).json())).isEqualTo(bySeriesAndTime(expected));
            }
        }
        // without bounds, a filtered read spans its own series (host=a: one day), not the metric's weeks
        assertThat(http.get("/metrics/backfill/data?host=a&step=auto").header("X-Step")).isEqualTo("5m");
        assertThat(http.get("/metrics/backfill/data?step=auto").header("X-Step")).isEqualTo("1h");
        assertThat(http.get("/metrics/backfill/data?host=nobody&step=auto").json()).isEmpty();
    }

    /** Buckets keyed by series and time: the order of series in an answer is not part of the contract. */
    private static Map<String, JsonNode> bySeriesAndTime(JsonNode buckets) {
        Map<String, JsonNode> keyed = new java.util.TreeMap<>();
        buckets.forEach(b -> keyed.put(b.get("labels") + "@" + b.get("timestamp").asText(), b));
        return keyed;
    }

    /** What agg=all must answer, computed from the points sent: series by host, then time. */
    private static String expectedBuckets(Map<String, List<Map.Entry<Instant, Integer>>> byHost, long width) {
        StringBuilder out = new StringBuilder("[");
        for (String host : new java.util.TreeSet<>(byHost.keySet())) {
            java.util.TreeMap<Long, List<Integer>> buckets = new java.util.TreeMap<>();
            for (Map.Entry<Instant, Integer> p : byHost.get(host)) { // in time order
                buckets.computeIfAbsent(Math.floorDiv(p.getKey().getEpochSecond(), width) * width, k -> new ArrayList<>())
                        .add(p.getValue());
            }
            buckets.forEach((start, values) -> {
                long sum = values.stream().mapToLong(Integer::longValue).sum();
                out.append(out.length() == 1 ? "" : ",").append("{\"labels\":{\"host\":\"").append(host)
                        .append("\"},\"timestamp\":\"").append(TimeParser.format(Instant.ofEpochSecond(start)))
                        .append("\",\"avg\":").append((double) sum / values.size())
                        .append(",\"min\":").append((double) values.stream().mapToInt(v -> v).min().orElseThrow())
                        .append(",\"max\":").append((double) values.stream().mapToInt(v -> v).max().orElseThrow())
                        .append(",\"sum\":").append((double) sum).append(",\"count\":").append(values.size())
                        .append(",\"last\":").append((double) values.get(values.size() - 1)).append('}');
            });
        }
        return out.append(']').toString();
    }

    @Test
    @Order(50)
    void aPlainKafkaProducerWritesPointsAndBadRecordsLandInTheDeadLetterTopic() throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, app.bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(app.topics().points(), "cpu_load{\"host\":\"k\",\"region\":\"eu\"}",
                    "[{\"metric\":\"cpu_load\",\"labels\":{\"host\":\"k\",\"region\":\"eu\"},\"value\":42,\"timestamp\":\"" + at(200) + "\"},"
                            + "{\"metric\":\"cpu_load\",\"labels\":{\"host\":\"k\",\"region\":\"eu\"},\"value\":43,\"timestamp\":\"" + at(210) + "\"}]")).get();
            producer.send(new ProducerRecord<>(app.topics().points(), "x", "this is not json")).get();
            producer.send(new ProducerRecord<>(app.topics().points(), "y", "{\"metric\":\"cpu_load\",\"labels\":{},\"value\":1}")).get();
            producer.send(new ProducerRecord<>(app.topics().points(), "cpu_load{\"host\":\"k\",\"region\":\"eu\"}",
                    "{\"metric\":\"cpu_load\",\"labels\":{\"host\":\"k\",\"region\":\"eu\"},\"value\":44,\"timestamp\":\"" + at(220) + "\"}")).get();
        }
        awaitCount("/metrics/cpu_load/data?host=k", 3);

        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, app.bootstrapServers());
        c.put(ConsumerConfig.GROUP_ID_CONFIG, "dlq-reader");
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, String>> dead = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(c, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(app.topics().deadLetters()));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (dead.size() < 2 && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(dead::add);
            }
        }
        assertThat(dead).extracting(ConsumerRecord::value)
                .containsExactly("this is not json", "{\"metric\":\"cpu_load\",\"labels\":{},\"value\":1}");
        assertThat(new String(dead.get(1).headers().lastHeader("meterline.dlq.reason").value(), StandardCharsets.UTF_8))
                .isEqualTo("Labels must contain exactly these keys: ['host', 'region']");
    }

    @Test
    @Order(60)
    void badInputIsA4xxWithASentenceAndNothingOfABadBatchIsWritten() {
        String good = "{\"labels\":{\"host\":\"z\",\"region\":\"eu\"},\"value\":1,\"timestamp\":\"" + at(300) + "\"}";
        assertError(http.post("/metrics/cpu_load/data", "[" + good + ",{\"labels\":{\"host\":\"z\"},\"value\":1}]"),
                400, "point [1]: Labels must contain exactly these keys: ['host', 'region']");
        // a batch's point that isn't valid JSON is named as any bad point is; a fault between points is the body's
        assertError(http.post("/metrics/cpu_load/data", "[" + good + ",{\"labels\":{\"host\":\"z\",\"region\":\"eu\"},\"value\":1,\"value\":2}]"),
                400, "point [1]: malformed JSON: Duplicate field 'value'");
        assertError(http.post("/metrics/cpu_load/data", "[" + good + " " + good + "]"), 400, "Malformed JSON");
        assertError(http.post("/metrics/cpu_load/data", "{\"labels\":{\"host\":\"z\",\"region\":\"eu\"},\"value\":1e400}"),
                400, "value must be a finite number.");
        assertError(http.post("/metrics/cpu_load/data", "{\"labels\":{\"host\":\"z\",\"region\":\"eu\"},\"value\":NaN}"),
                400, "Malformed JSON");
        assertError(http.post("/metrics/cpu_load/data", "{\"labels\":{\"host\":\"z\",\"region\":\"eu\"},\"value\":\"1\"}"),
                400, "value must be a number for a gauge metric.");
        assertError(http.post("/metrics/cpu_load/data", "{\"labels\":{\"host\":\"z\",\"region\":\"eu\"},\"value\":1,\"timestamp\":\"yesterday\"}"),
                400, "Invalid timestamp format. Use ISO 8601 format.");
        assertError(http.post("/metrics/cpu_load/data", "{\"labels\":{\"host\":\"\",\"region\":\"eu\"},\"value\":1}"),
                400, "label 'host' must be a non-empty string of at most 1024 characters.");
        assertError(http.post("/metrics/cpu_load/data", "[]"), 400, "The batch is empty: send at least one point.");
        assertError(http.post("/metrics/cpu_load/data", "{\"labels\":{\"host\":\"z\",\"region\":\"eu\"},\"value\":1,\"timestamp\":\"1969-12-31T23:59:59Z\"}"),
                400, "timestamp 1969-12-31T23:59:59Z is before 1970.");
        assertError(http.post("/metrics/status/data", "{\"labels\":{\"service\":\"x\"},\"value\":\"MAYBE\"}"),
                400, "state 'MAYBE' is not one of the metric's states: ['OK', 'DEGRADED', 'DOWN'].");
        assertError(http.post("/data", good.replace("{\"labels\"", "{\"metric\":\"cpu_load\",\"labels\"") + "\n{\"metric\":\"gone\",\"value\":1}\n",
                "application/x-ndjson"), 404, "line 2: Metric not found");
        // CRLF line ends, and blank lines count as lines
        assertError(http.post("/data", good.replace("{\"labels\"", "{\"metric\":\"cpu_load\",\"labels\"") + "\r\n\r\n  \r\n{\"metric\":",
                "application/x-ndjson"), 400, "line 4: malformed JSON");
        assertError(http.post("/metrics/cpu_load/data", good, "application/xml"), 415, "takes JSON");
        assertError(http.get("/metrics/cpu_load/data?color=red"), 400, "Unknown parameter 'color'");
        assertError(http.get("/metrics/cpu_load/data?start_time=" + at(100) + "&end_time=" + at(0)), 400, "is after end_time");
        for (String huge : List.of("/data?start_time=99999999999999999", "/data?end_time=-9223372036854775808",
                "/data?step=1m&start_time=99999999999999999", "/data.csv?end_time=99999999999999999",
                "/distribution?start_time=99999999999999999")) {
            assertError(http.get("/metrics/cpu_load" + huge), 400, "must be between 0000-01-01T00:00:00Z and 9999-12-31");
        }
        assertError(http.get("/nothing/here"), 404, "No such route");
        Http.Response delete = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                "http://127.0.0.1:" + app.httpPort() + "/metrics")).DELETE());
        assertError(delete, 405, "does not take this method");
        assertThat(delete.header("Allow")).contains("GET").contains("POST");
        assertError(http.post("/metrics", "{\"name\":\"9bad\",\"type\":\"gauge\",\"label_keys\":[]}"), 400, "name must match");
        assertError(http.post("/metrics", "{\"name\":\"ok\",\"type\":\"gauge\",\"label_keys\":[\"step\"]}"), 400, "query parameter name");
        assertError(http.post("/metrics", "{\"name\":\"ok\",\"type\":\"gauge\",\"label_keys\":[\"" + "k".repeat(129) + "\"]}"),
                400, "at most 128 characters");
        assertTooLargeIsRefusedBeforeTheBodyIsRead();
        assertATrickledBodyIsA408();

        app.awaitStorageApplied();
        assertThat(http.get("/metrics/cpu_load/data?host=z").json()).isEmpty();
    }

    @Test
    @Order(65)
    void aGzipBodyIsTakenInflatedWithinTheLimitAndOtherEncodingsAreRefused() throws Exception {
        String ndjson = "{\"metric\":\"cpu_load\",\"labels\":{\"host\":\"gz\",\"region\":\"eu\"},\"value\":1,\"timestamp\":\"" + at(0) + "\"}\n"
                + "{\"metric\":\"cpu_load\",\"labels\":{\"host\":\"gz\",\"region\":\"eu\"},\"value\":2,\"timestamp\":\"" + at(10) + "\"}\n";
        Http.Response zipped = http.send(post("/data", gzip(ndjson.getBytes(StandardCharsets.UTF_8)), "gzip"));
        assertThat(zipped.status()).as(zipped.body()).isEqualTo(201);
        assertThat(zipped.json().get("count").asInt()).isEqualTo(2);
        awaitCount("/metrics/cpu_load/data?host=gz", 2);

        // 17 MiB of zeros are 17 KB compressed: the body limit holds for what they inflate to
        assertError(http.send(post("/data", gzip(new byte[17 * 1024 * 1024]), "gzip")), 413, "larger than");
        assertError(http.send(post("/data", "not gzip at all".getBytes(StandardCharsets.UTF_8), "gzip")), 400, "not valid gzip");
        assertError(http.send(post("/data", ndjson.getBytes(StandardCharsets.UTF_8), "br")), 415, "Content-Encoding 'br' is not taken");
    }

    private static java.net.http.HttpRequest.Builder post(String path, byte[] body, String encoding) {
        return java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + app.httpPort() + path))
                .header("Content-Type", "application/x-ndjson").header("Content-Encoding", encoding)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body));
    }

    private static byte[] gzip(byte[] bytes) throws java.io.IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream zip = new java.util.zip.GZIPOutputStream(out)) {
            zip.write(bytes);
        }
        return out.toByteArray();
    }

    @Test
    @Order(70)
    void operationsRoutesAnswer() {
        assertThat(http.get("/health").status()).isEqualTo(200);
        awaitTrue(() -> http.get("/ready").status() == 200);
        // a method HTTP doesn't have is one "other" series, not one per word a client makes up
        for (String made : List.of("ZZ1", "ZZ2")) {
            http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + app.httpPort() + "/"))
                    .method(made, java.net.http.HttpRequest.BodyPublishers.noBody()));
        }
        String scrape = http.get("/internal/prometheus").body();
        assertThat(scrape).contains("meterline_http_points_accepted_total", "meterline_stream_dlq_records_total",
                "meterline_storage_commits_seconds", "meterline_http_requests_seconds", "meterline_stream_points_stored_total",
                "jvm_gc_max_data_size_bytes", "jvm_threads_live_threads", "process_cpu_usage", "process_uptime_seconds",
                "process_files_open_files", "method=\"other\"", "meterline_stream_records_lag",
                "meterline_http_requests_seconds_bucket{");
        assertThat(scrape).doesNotContain("ZZ1", "ZZ2");
        System.gc(); // the lag gauge must be held, not read NaN once its object is collected
        assertThat(http.get("/internal/prometheus").body()).containsPattern("(?m)^meterline_stream_records_lag \\d");
    }

    @Test
    @Order(80)
    void aRestartOnTheSameDataFolderKeepsEveryPointAndDefinitionOnce() {
        String before = http.get("/metrics/cpu_load/data").body();
        String definitions = http.get("/metrics").body();
        app.close();
        startApp();
        assertThat(http.get("/metrics").body()).isEqualTo(definitions);
        awaitTrue(() -> http.get("/ready").status() == 200);
        app.awaitStorageApplied();
        assertThat(http.get("/metrics/cpu_load/data").body()).isEqualTo(before);
        // and it keeps ingesting
        assertThat(http.post("/metrics/cpu_load/data", "{\"labels\":{\"host\":\"r\",\"region\":\"eu\"},\"value\":5}").status())
                .isEqualTo(201);
        awaitCount("/metrics/cpu_load/data?host=r", 1);
    }

    /**
     * A body over the limit is refused from its declared length, before it is read. Over a raw
     * socket (headers only), since an HTTP client still uploading 17 MiB may miss the early answer
     * when the server closes the connection.
     */
    private static void assertTooLargeIsRefusedBeforeTheBodyIsRead() {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", app.httpPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("POST /metrics/cpu_load/data HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + (17 * 1024 * 1024) + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            String answer = new String(socket.getInputStream().readNBytes(400), StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 413").contains("larger than");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A body sent under Jetty's minimum rate (1 KB/s) is a 408 with a sentence, not an internal error. */
    private static void assertATrickledBodyIsA408() {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", app.httpPort())) {
            socket.setSoTimeout(10_000);
            java.io.OutputStream out = socket.getOutputStream();
            out.write(("POST /data HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-ndjson\r\n"
                    + "Content-Length: 100\r\n\r\n{\"metric\":").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Thread.sleep(1_500);
            out.write("\"cpu_load\"".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String answer = new String(socket.getInputStream().readNBytes(600), StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 408").contains("came too slowly");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static void assertError(Http.Response r, int status, String contains) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.json().get("error").asText()).contains(contains);
    }

    private static JsonNode json(String text) {
        try {
            return io.meterline.core.Json.MAPPER.readTree(text);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static void awaitCount(String path, int count) {
        awaitTrue(() -> http.get(path).json().size() >= count);
        assertThat(http.get(path).json()).hasSize(count);
    }

    static void awaitTrue(BooleanSupplier condition) {
        Await.until(condition);
    }
}
