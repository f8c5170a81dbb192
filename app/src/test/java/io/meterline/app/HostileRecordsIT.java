package io.meterline.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded fuzz on the Kafka side: 10,000 generated hostile records on the points topic (garbage
 * bytes, truncated and deeply nested JSON, huge numbers, wrong types, unknown metrics, bad labels
 * and states, odd unicode, null and empty values, arrays with one bad point), with a valid point
 * after every tenth. Every hostile record must reach the dead-letter topic unchanged with a
 * reason, the stream must keep running, and every valid point around them must be stored.
 * Set -Dfuzz.seed=N to replay; -Dfuzz.records=N for more.
 */
class HostileRecordsIT {

    private static final long SEED = Long.getLong("fuzz.seed", System.nanoTime());
    private static final int RECORDS = Integer.getInteger("fuzz.records", 10_000);
    private static final String REASON = "meterline.dlq.reason";

    @TempDir
    static Path dataDir;
    static Application app;
    static Http http;

    @BeforeAll
    static void start() {
        app = new Application(AppConfig.from(new String[] {"--port", "0", "--data-dir", dataDir.toString(),
                "--partitions", "2"}, Map.of()), Clock.systemUTC());
        http = new Http(app.httpPort());
        http.post("/metrics", "{\"name\":\"cpu\",\"type\":\"gauge\",\"label_keys\":[\"host\"]}");
        http.post("/metrics", "{\"name\":\"status\",\"type\":\"enum\",\"label_keys\":[],\"states\":[\"OK\",\"DOWN\"]}");
        http.post("/metrics", "{\"name\":\"lat\",\"type\":\"histogram\",\"label_keys\":[],\"buckets\":[1,10,\"+Inf\"]}");
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void everyHostileRecordIsDeadLetteredWithAReasonAndTheValidOnesAroundThemAreStored() throws Exception {
        System.out.println("hostile records seed=" + SEED + " (replay with -Dfuzz.seed=" + SEED + ")");
        Random random = new Random(SEED);
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(3, ChronoUnit.HOURS);
        Map<String, byte[]> hostile = new HashMap<>(); // id header → value sent
        int valid = 0;
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, app.bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 2 * 1024 * 1024);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            for (int i = 0; i < RECORDS; i++) {
                byte[] value = hostileValue(random, t0.plusMillis(i));
                String id = Integer.toString(i);
                ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(app.topics().points(),
                        random.nextBoolean() ? null : bytes("k" + random.nextInt(50)), value);
                record.headers().add("fuzz.id", bytes(id));
                producer.send(record);
                hostile.put(id, value);
                if (i % 10 == 0) {
                    String point = "{\"metric\":\"cpu\",\"labels\":{\"host\":\"ok\"},\"value\":" + valid
                            + ",\"timestamp\":" + t0.plusSeconds(valid).toEpochMilli() + "}";
                    producer.send(new ProducerRecord<>(app.topics().points(), bytes("cpu{\"host\":\"ok\"}"), bytes(point)));
                    valid++;
                }
            }
            producer.flush();
        }

        Map<String, ConsumerRecord<byte[], byte[]>> dead = readDeadLetters(hostile.size());
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, byte[]> sent : hostile.entrySet()) {
            ConsumerRecord<byte[], byte[]> d = dead.get(sent.getKey());
            if (d == null) {
                problems.add("record " + sent.getKey() + " not dead-lettered: " + preview(sent.getValue()));
            } else if (d.headers().lastHeader(REASON) == null
                    || new String(d.headers().lastHeader(REASON).value(), StandardCharsets.UTF_8).isBlank()) {
                problems.add("record " + sent.getKey() + " dead-lettered without a reason");
            } else if (!java.util.Arrays.equals(d.value(), sent.getValue())) {
                problems.add("record " + sent.getKey() + " changed on its way to the dead-letter topic");
            }
            if (problems.size() >= 10) {
                break;
            }
        }
        assertThat(problems).as("seed=%d", SEED).isEmpty();
        assertThat(dead).as("seed=%d: nothing else dead-lettered", SEED).hasSize(hostile.size());

        int expected = valid;
        String path = "/metrics/cpu/data?host=ok&limit=100000&start_time=" + t0 + "&end_time=" + t0.plusSeconds(expected);
        Await.until(() -> http.get(path).json().size() == expected);
        JsonNode stored = http.get(path).json();
        for (int v = 0; v < expected; v++) {
            assertThat(stored.get(v).get("value").asInt()).as("seed=%d", SEED).isEqualTo(v);
        }
        assertThat(http.get("/ready").status()).isEqualTo(200);
    }

    private static Map<String, ConsumerRecord<byte[], byte[]>> readDeadLetters(int count) {
        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, app.bootstrapServers());
        c.put(ConsumerConfig.GROUP_ID_CONFIG, "fuzz-dlq-reader");
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        Map<String, ConsumerRecord<byte[], byte[]>> dead = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(c, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(app.topics().deadLetters()));
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            long quietSince = System.nanoTime();
            // read until all arrived, then a little longer: anything extra would be a valid record dead-lettered
            while (System.nanoTime() < deadline && (dead.size() < count || System.nanoTime() - quietSince < 2e9)) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    Header id = r.headers().lastHeader("fuzz.id");
                    dead.put(id == null ? "valid@" + r.offset() : new String(id.value(), StandardCharsets.UTF_8), r);
                    quietSince = System.nanoTime();
                }
            }
        }
        return dead;
    }

    private static byte[] hostileValue(Random random, Instant t) {
        String ok = "{\"metric\":\"cpu\",\"labels\":{\"host\":\"a\"},\"value\":1.5,\"timestamp\":" + t.toEpochMilli() + "}";
        return switch (random.nextInt(24)) {
            case 0 -> null;
            case 1 -> new byte[0];
            case 2 -> randomBytes(random);
            case 3 -> bytes(ok.substring(0, random.nextInt(ok.length())));
            case 4 -> bytes("[".repeat(5_000) + "]".repeat(5_000));
            case 5 -> bytes("{\"a\":".repeat(3_000) + "1" + "}".repeat(3_000));
            case 6 -> bytes(ok.replace("1.5", "9".repeat(400)));
            case 7 -> bytes(ok.replace("1.5", "1e999999"));
            case 8 -> bytes(ok.replace("1.5", pick(random, "\"x\"", "true", "null", "{}", "[]", "NaN", "-Infinity")));
            case 9 -> bytes(ok.replace("\"cpu\"", pick(random, "\"nope\"", "1", "null", "\"\"", "\"../../etc/passwd\"",
                    "\"cpu\\u0000\"", "\"ＣＰＵ\"")));
            case 10 -> bytes(ok.replace("{\"host\":\"a\"}", pick(random, "{}", "{\"host\":\"a\",\"dc\":\"x\"}",
                    "{\"host\":1}", "{\"host\":\"\"}", "[\"host\"]", "null", "{\"host\":\"" + "h".repeat(5_000) + "\"}",
                    "{\"host\":\"\\ud800\"}")));
            case 11 -> bytes(ok.replace(t.toEpochMilli() + "", pick(random, "\"yesterday\"", "-1", "99999999999999999",
                    "\"2026-13-45T99:00:00Z\"", "1e30", "\"\"", "{}")));
            case 12 -> bytes("[" + ok + "," + ok.replace("1.5", "\"x\"") + "]");
            case 13 -> bytes("[]");
            case 14 -> bytes("\"just a string\"");
            case 15 -> bytes(pick(random, "42", "null", "true", "-0.0"));
            case 16 -> bytes("{\"metric\":\"status\",\"labels\":{},\"value\":\"" + pick(random, "MAYBE", "ok", "", "OK ")
                    + "\",\"timestamp\":" + t.toEpochMilli() + "}");
            case 17 -> bytes("{\"metric\":\"lat\",\"labels\":{},\"buckets\":" + pick(random, "{\"1\":-5}", "{\"2\":1}",
                    "{\"+inf\":1.5}", "{\"NaN\":1}", "[]", "{}", "{\"1\":" + "9".repeat(30) + "}") + ",\"timestamp\":"
                    + t.toEpochMilli() + "}");
            case 18 -> bytes(ok + "trailing garbage");
            case 19 -> bytes("\uFEFF" + ok.replace("1.5", "\"\uD83D\uDE00\""));
            case 20 -> bytes("[" + (ok + ",").repeat(10_001) + ok + "]");
            case 21 -> bytes(ok.replace("\"metric\":\"cpu\",", ""));
            case 22 -> bytes(ok.replace(",\"timestamp\":" + t.toEpochMilli(), ",\"timestamp\":"
                    + t.plus(3, ChronoUnit.DAYS).toEpochMilli()));
            default -> bytes("{\"metric\":\"cpu\",\"labels\":{\"host\":\"a\"},\"value\":1,\"value\":\"dup\"}");
        };
    }

    private static byte[] randomBytes(Random random) {
        byte[] b = new byte[1 + random.nextInt(200)];
        random.nextBytes(b);
        return b;
    }

    private static String pick(Random random, String... options) {
        return options[random.nextInt(options.length)];
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String preview(byte[] value) {
        if (value == null) {
            return "null";
        }
        String s = new String(value, StandardCharsets.UTF_8);
        return s.length() > 120 ? s.substring(0, 120) + "…" : s;
    }
}
