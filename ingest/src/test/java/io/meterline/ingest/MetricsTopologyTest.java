package io.meterline.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.meterline.core.Labels;
import io.meterline.core.Limits;
import io.meterline.core.MetricDefinition;
import io.meterline.core.MetricRegistry;
import io.meterline.core.MetricType;
import io.meterline.core.Point;
import io.meterline.core.PointParser;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The production topology, driven by {@link TopologyTestDriver}. */
class MetricsTopologyTest {

    private static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");
    private static final MetricDefinition CPU = new MetricDefinition("cpu", MetricType.GAUGE, List.of("host"),
            NOW, "", "", null, null);
    private static final MetricDefinition STATUS = new MetricDefinition("status", MetricType.ENUM, List.of(),
            NOW, "", "", List.of("OK", "DOWN"), null);

    @TempDir
    Path stateDir;
    private final Topics topics = Topics.defaults();
    private final InMemoryMetricStore store = new InMemoryMetricStore();
    private TopologyTestDriver driver;
    private TestInputTopic<byte[], byte[]> points;
    private TestOutputTopic<byte[], byte[]> deadLetters;

    @BeforeEach
    void start() {
        MetricRegistry registry = MetricRegistry.of(CPU, STATUS);
        PointParser parser = new PointParser(Limits.DEFAULTS, Clock.fixed(NOW, ZoneOffset.UTC));
        Properties props = MetricsTopology.properties(new Properties(), "test", stateDir, topics, 1);
        props.put("bootstrap.servers", "unused:9092");
        driver = new TopologyTestDriver(
                MetricsTopology.build(topics, registry, parser, store, new SimpleMeterRegistry()), props);
        points = driver.createInputTopic(topics.points(), new ByteArraySerializer(), new ByteArraySerializer());
        deadLetters = driver.createOutputTopic(topics.deadLetters(), new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    private void send(String json, Instant recordTime) {
        points.pipeInput(new TestRecord<>("k".getBytes(StandardCharsets.UTF_8),
                json.getBytes(StandardCharsets.UTF_8), recordTime));
    }

    @Test
    void validPointIsStored() {
        send("{\"metric\":\"cpu\",\"labels\":{\"host\":\"a\"},\"value\":1.5,\"timestamp\":\"2026-11-20T11:00:00Z\"}", NOW);

        assertThat(store.committed).containsExactly(new Point.Gauge("cpu", Labels.of(Map.of("host", "a")),
                Instant.parse("2026-11-20T11:00:00Z"), 1.5));
        assertThat(deadLetters.isEmpty()).isTrue();
    }

    @Test
    void arrayOfPointsAcrossMetricsIsStoredWhole() {
        send("[{\"metric\":\"cpu\",\"labels\":{\"host\":\"a\"},\"value\":1,\"timestamp\":1763636400000},"
                + "{\"metric\":\"status\",\"labels\":{},\"value\":\"DOWN\",\"timestamp\":\"2026-11-20T11:00:00\"}]", NOW);

        assertThat(store.committed).hasSize(2);
        assertThat(store.committed.get(1)).isEqualTo(new Point.EnumSample("status", Labels.EMPTY,
                Instant.parse("2026-11-20T11:00:00Z"), "DOWN"));
    }

    @Test
    void pointWithoutTimestampTakesTheRecordTimeSoAReplayIsIdentical() {
        Instant recordTime = Instant.parse("2026-11-20T10:00:00.123Z");
        send("{\"metric\":\"cpu\",\"labels\":{\"host\":\"a\"},\"value\":2}", recordTime);

        assertThat(store.committed.get(0).timestamp()).isEqualTo(recordTime);
    }

    @Test
    void invalidRecordsGoUntouchedToTheDeadLetterTopicWithTheReason() {
        String notJson = "{oops";
        String unknown = "{\"metric\":\"nope\",\"labels\":{},\"value\":1}";
        String badState = "{\"metric\":\"status\",\"labels\":{},\"value\":\"MAYBE\"}";
        String halfBad = "[{\"metric\":\"cpu\",\"labels\":{\"host\":\"a\"},\"value\":1},"
                + "{\"metric\":\"cpu\",\"labels\":{\"dc\":\"x\"},\"value\":1}]";
        String notANumber = "{\"metric\":\"cpu\",\"labels\":{\"host\":\"a\"},\"value\":NaN}";
        for (String bad : List.of(notJson, unknown, badState, halfBad, notANumber)) {
            send(bad, NOW);
        }
        send("{\"metric\":\"cpu\",\"labels\":{\"host\":\"b\"},\"value\":3}", NOW);

        List<TestRecord<byte[], byte[]>> dead = deadLetters.readRecordsToList();
        assertThat(dead).extracting(r -> new String(r.value(), StandardCharsets.UTF_8))
                .containsExactly(notJson, unknown, badState, halfBad, notANumber);
        assertThat(dead).extracting(r -> reason(r.headers().lastHeader(PointRecordProcessor.REASON_HEADER)))
                .satisfiesExactly(
                        r -> assertThat(r).startsWith("the record value is not valid JSON"),
                        r -> assertThat(r).isEqualTo("unknown metric 'nope'."),
                        r -> assertThat(r).contains("state 'MAYBE' is not one of the metric's states"),
                        r -> assertThat(r).isEqualTo("point [1]: Labels must contain exactly these keys: ['host']"),
                        // Jackson's own words without its advice to programmers (a feature flag to enable)
                        r -> assertThat(r).isEqualTo("the record value is not valid JSON: Non-standard token 'NaN' (column 50)"));
        // nothing of the half-bad array was stored, and the stream kept going
        assertThat(store.committed).extracting(p -> p.labels().get("host")).containsExactly("b");
    }

    private static String reason(Header header) {
        return new String(header.value(), StandardCharsets.UTF_8);
    }
}
