package io.meterline.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.meterline.core.InvalidInputException;
import io.meterline.core.MetricDefinition;
import io.meterline.core.MetricType;
import io.meterline.core.TimeParser;
import io.meterline.ingest.client.MeterlineConfig;
import io.meterline.ingest.client.MeterlineMeterRegistry;
import io.meterline.ingest.client.MeterlineProducer;
import io.meterline.ingest.client.UnknownMetricException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.CommonClientConfigs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Producers other than HTTP, for real: the Java client, the Micrometer registry and kcat write
 * onto the embedded broker; the app's stream stores what they wrote; HTTP queries read it back.
 */
class ProducerIT {

    private static final Path KCAT = Path.of("/usr/bin/kcat");

    @TempDir
    static Path dataDir;
    static Application app;
    static Http http;
    static MeterlineProducer producer;
    static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(2, ChronoUnit.HOURS);

    @BeforeAll
    static void start() {
        app = new Application(AppConfig.from(new String[] {"--port", "0", "--data-dir", dataDir.toString()}, Map.of()),
                Clock.systemUTC());
        http = new Http(app.httpPort());
        producer = new MeterlineProducer(kafka());
    }

    @AfterAll
    static void stop() {
        if (producer != null) {
            producer.close();
        }
        if (app != null) {
            app.close();
        }
    }

    static Properties kafka() {
        Properties props = new Properties();
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, app.bootstrapServers());
        return props;
    }

    static MetricDefinition definition(String name, MetricType type, List<String> keys, List<String> states) {
        return new MetricDefinition(name, type, keys, Instant.now(), "", "", states, null);
    }

    @Test
    void gaugesStatesAndHistogramsGoFromTheProducerThroughKafkaToQueries() {
        producer.define(definition("jc_load", MetricType.GAUGE, List.of("host"), null));
        producer.define(definition("jc_status", MetricType.ENUM, List.of("service"), List.of("OK", "DOWN")));
        producer.define(definition("jc_latency", MetricType.HISTOGRAM, List.of(), null));
        // defining the same thing again is harmless (a restarted service does it)
        producer.define(definition("jc_load", MetricType.GAUGE, List.of("host"), null));

        for (int i = 0; i < 50; i++) {
            producer.gauge("jc_load", Map.of("host", i % 2 == 0 ? "a" : "b"), i, T0.plusSeconds(i));
        }
        producer.state("jc_status", Map.of("service", "api"), "OK", T0);
        producer.state("jc_status", Map.of("service", "api"), "DOWN", T0.plusSeconds(60));
        producer.histogram("jc_latency", Map.of(), Map.of(10.0, 3L, 100.0, 5L, Double.POSITIVE_INFINITY, 2L), 420.5, T0);
        producer.flush();

        awaitTrue(() -> http.get("/metrics/jc_load/data").json().size() == 50);
        JsonNode a = http.get("/metrics/jc_load/data?host=a").json();
        assertThat(a).hasSize(25);
        assertThat(a.get(1).get("value").asDouble()).isEqualTo(2.0);
        assertThat(a.get(1).get("timestamp").asText()).isEqualTo(TimeParser.format(T0.plusSeconds(2)));
        assertThat(http.get("/metrics/jc_load").json().get("label_keys").get(0).asText()).isEqualTo("host");

        awaitTrue(() -> http.get("/metrics/jc_status/data").json().size() == 2);
        JsonNode states = http.get("/metrics/jc_status/distribution").json();
        assertThat(states.get("OK").asInt()).isEqualTo(1);
        assertThat(states.get("DOWN").asInt()).isEqualTo(1);

        awaitTrue(() -> http.get("/metrics/jc_latency/data").json().size() == 1);
        JsonNode h = http.get("/metrics/jc_latency/data").json().get(0);
        assertThat(h.get("buckets").toString()).isEqualTo("{\"10\":3,\"100\":5,\"+Inf\":2}");
        assertThat(h.get("value").asDouble()).isEqualTo(420.5);
    }

    @Test
    void aWrongPointFailsInTheCallerNotInTheDeadLetterTopic() {
        producer.define(definition("jc_checked", MetricType.GAUGE, List.of("host", "region"), null));
        assertThatThrownBy(() -> producer.gauge("jc_checked", Map.of("host", "a"), 1.0))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("Labels must contain exactly these keys: ['host', 'region']");
        assertThatThrownBy(() -> producer.gauge("jc_checked", Map.of("host", "a", "region", "eu"), Double.NaN))
                .hasMessageContaining("finite");
        assertThatThrownBy(() -> producer.state("jc_checked", Map.of("host", "a", "region", "eu"), "OK"))
                .hasMessageContaining("must be a number for a gauge");
        assertThatThrownBy(() -> producer.gauge("jc_never_defined", Map.of(), 1.0))
                .isInstanceOf(UnknownMetricException.class)
                .hasMessageContaining("unknown metric 'jc_never_defined'");
        assertThatThrownBy(() -> producer.define(definition("jc_checked", MetricType.ENUM, List.of(), null)))
                .hasMessageContaining("Metric with the same name already exists");
    }

    @Test
    void closeWhileManyThreadsSendLosesNoAcceptedPoint() throws Exception {
        producer.define(definition("jc_burst", MetricType.GAUGE, List.of("thread"), null));
        MeterlineProducer closing = new MeterlineProducer(kafka());
        int threads = 6;
        int[] accepted = new int[threads];
        CountDownLatch running = new CountDownLatch(threads);
        List<Thread> senders = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            Thread sender = new Thread(() -> {
                running.countDown();
                try {
                    for (int k = 0; k < 20_000; k++) {
                        closing.gauge("jc_burst", Map.of("thread", "t" + id), k, T0.plusMillis(k));
                        accepted[id]++;
                    }
                } catch (IllegalStateException closed) {
                    // refused after close(): not accepted, not counted
                }
            });
            senders.add(sender);
            sender.start();
        }
        running.await();
        Thread.sleep(300);
        closing.close();
        for (Thread s : senders) {
            s.join();
        }
        int total = 0;
        for (int n : accepted) {
            total += n;
        }
        assertThat(total).as("the close came while sending").isPositive().isLessThan(threads * 20_000);

        int expected = total;
        awaitTrue(() -> csvRows("/metrics/jc_burst/data.csv") >= expected);
        assertThat(csvRows("/metrics/jc_burst/data.csv")).isEqualTo(expected);
        for (int t = 0; t < threads; t++) {
            assertThat(csvRows("/metrics/jc_burst/data.csv?thread=t" + t)).isEqualTo(accepted[t]);
        }
    }

    @Test
    void theMicrometerRegistryPushesCountersGaugesAndTimersWithTheirTypesAndLabels() {
        Map<String, String> settings = Map.of("meterline.step", "1s",
                "meterline.bootstrapServers", app.bootstrapServers());
        MeterlineConfig config = settings::get;
        AtomicInteger queue = new AtomicInteger(42);
        MeterlineMeterRegistry registry = new MeterlineMeterRegistry(config, io.micrometer.core.instrument.Clock.SYSTEM,
                new Properties());
        try {
            Counter orders = Counter.builder("orders.placed").tag("region", "eu").register(registry);
            Gauge.builder("queue.size", queue, AtomicInteger::get).tag("queue", "q1").register(registry);
            Timer requests = Timer.builder("http.server.requests").tags("method", "GET", "uri", "/a")
                    .serviceLevelObjectives(Duration.ofMillis(10), Duration.ofMillis(100)).register(registry);
            orders.increment(5);
            requests.record(Duration.ofMillis(5));
            requests.record(Duration.ofMillis(50));
            requests.record(Duration.ofSeconds(2));

            awaitTrue(() -> http.get("/metrics/http_server_requests/distribution").status() == 200
                    && http.get("/metrics/http_server_requests/distribution").json().get("count").asLong() == 3);
            awaitTrue(() -> http.get("/metrics/orders_placed/data").status() == 200
                    && http.get("/metrics/orders_placed/data").json().size() > 0);
            awaitTrue(() -> http.get("/metrics/queue_size/data").status() == 200
                    && http.get("/metrics/queue_size/data").json().size() > 0);
        } finally {
            registry.close();
        }

        JsonNode timerDef = http.get("/metrics/http_server_requests").json();
        assertThat(timerDef.get("type").asText()).isEqualTo("histogram");
        assertThat(timerDef.get("label_keys")).extracting(JsonNode::asText).containsExactly("method", "uri");
        JsonNode dist = http.get("/metrics/http_server_requests/distribution?method=GET&uri=/a").json();
        assertThat(dist.get("buckets").toString()).isEqualTo("{\"0.01\":1,\"0.1\":1,\"+Inf\":1}");
        assertThat(dist.get("sum").asDouble()).isCloseTo(2.055, org.assertj.core.data.Offset.offset(1e-6));

        JsonNode counterDef = http.get("/metrics/orders_placed").json();
        assertThat(counterDef.get("type").asText()).isEqualTo("gauge");
        assertThat(counterDef.get("label_keys")).extracting(JsonNode::asText).containsExactly("region");
        JsonNode counts = http.get("/metrics/orders_placed/data?region=eu").json();
        assertThat(counts.get(counts.size() - 1).get("value").asDouble()).as("cumulative count").isEqualTo(5.0);

        assertThat(http.get("/metrics/queue_size").json().get("type").asText()).isEqualTo("gauge");
        JsonNode queueSize = http.get("/metrics/queue_size/data?queue=q1").json();
        assertThat(queueSize.get(0).get("value").asDouble()).isEqualTo(42.0);
    }

    @Test
    void kcatProducesTheDocumentedJson() throws Exception {
        if (!Files.isExecutable(KCAT)) {
            String why = KCAT + " is absent: install it with `apt-get install -y kcat` to run this test";
            if (System.getenv("CI") != null) {
                throw new AssertionError(why + " (CI is set, so this is a failure, not a skip)");
            }
            Assumptions.abort(why);
        }
        assertThat(http.post("/metrics", "{\"name\":\"kc_load\",\"type\":\"gauge\",\"label_keys\":[\"host\"]}").status())
                .isEqualTo(201);
        // exactly the README's lines: key|value, one point or an array of points of the same series
        String lines = "kc_load{\"host\":\"a\"}|{\"metric\":\"kc_load\",\"labels\":{\"host\":\"a\"},\"value\":1.5,"
                + "\"timestamp\":\"" + T0 + "\"}\n"
                + "kc_load{\"host\":\"b\"}|[{\"metric\":\"kc_load\",\"labels\":{\"host\":\"b\"},\"value\":2,"
                + "\"timestamp\":" + T0.toEpochMilli() + "},{\"metric\":\"kc_load\",\"labels\":{\"host\":\"b\"},"
                + "\"value\":3,\"timestamp\":\"" + T0.plusSeconds(10) + "\"}]\n";
        Path file = dataDir.resolve("points.txt");
        Files.writeString(file, lines, StandardCharsets.UTF_8);
        Process kcat = new ProcessBuilder(KCAT.toString(), "-b", app.bootstrapServers(), "-P", "-t",
                app.topics().points(), "-K|", "-l", file.toString()).redirectErrorStream(true).start();
        String output = new String(kcat.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(kcat.waitFor()).as(output).isZero();

        awaitTrue(() -> http.get("/metrics/kc_load/data").json().size() == 3);
        JsonNode b = http.get("/metrics/kc_load/data?host=b").json();
        assertThat(b).extracting(p -> p.get("value").asDouble()).containsExactly(2.0, 3.0);
    }

    private static int csvRows(String path) {
        String body = http.get(path).body();
        return (int) body.lines().count() - 1;
    }

    private static void awaitTrue(BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 60 s; definitions: " + http.get("/metrics").body());
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
