package io.meterline.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import io.meterline.ingest.Topics;
import org.HdrHistogram.ConcurrentHistogram;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kafka, as a process of its own, is killed for 30 s under a steady HTTP load. While it is gone,
 * writes are answered 503 with Retry-After within a bounded time (no request hangs, no thread
 * pile-up) and reads keep working; once it is back, every batch that got a 201, before, during or
 * after the outage, is stored whole, and no refused batch is half-stored. The registry view survives
 * a catch-up that cannot reach Kafka: a definition written elsewhere after the outage is seen here.
 */
class BrokerOutageIT {

    private static final int BATCH = 50;
    private static final int LOADERS = 4;
    private static final Duration OUTAGE = Duration.ofSeconds(Integer.getInteger("outage.seconds", 30));
    /** Longest a write may take to be answered while Kafka is away (the producer timeouts add up to ~14 s). */
    private static final Duration ANSWER_BOUND = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private final Map<Long, Integer> status = new ConcurrentHashMap<>();
    private final AtomicLong nextBatch = new AtomicLong();
    private final Instant t0 = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(2, ChronoUnit.HOURS);
    private final ConcurrentHistogram outageAnswerMillis = new ConcurrentHistogram(3);
    private final AtomicInteger refusedWithoutRetryAfter = new AtomicInteger();
    private volatile boolean brokerDown;

    @Test
    void writesAre503WhileKafkaIsAwayReadsGoOnAndEveryAcknowledgedBatchIsStored() throws Exception {
        BrokerProcess broker = BrokerProcess.start(dir.resolve("kafka"));
        String bootstrap = broker.bootstrapServers();
        try (Application app = new Application(AppConfig.from(new String[] {"--port", "0", "--data-dir",
                dir.resolve("meterline").toString(), "--kafka-bootstrap-servers", bootstrap, "--partitions", "2"},
                Map.of()), Clock.systemUTC())) {
            Http http = new Http(app.httpPort());
            http.post("/metrics", "{\"name\":\"outage\",\"type\":\"gauge\",\"label_keys\":[\"host\"]}");
            AtomicBoolean loading = new AtomicBoolean(true);
            List<Thread> loaders = new ArrayList<>();
            for (int i = 0; i < LOADERS; i++) {
                Thread t = new Thread(() -> load(app.httpPort(), loading), "loader-" + i);
                t.start();
                loaders.add(t);
            }
            Thread.sleep(4_000);
            int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();

            broker.kill();
            brokerDown = true;
            long outageEnds = System.nanoTime() + OUTAGE.toNanos();
            int maxThreads = threadsBefore;
            int readsDuringOutage = 0;
            // defining a metric while Kafka is away sends the registry view to catch up first, and that fails
            Http.Response define = http.post("/metrics", "{\"name\":\"ghost\",\"type\":\"gauge\",\"label_keys\":[]}");
            assertThat(define.status()).as("a definition while Kafka is away: %s", define.body()).isEqualTo(503);
            while (System.nanoTime() < outageEnds) {
                Http.Response read = http.get("/metrics/outage/data?limit=10");
                assertThat(read.status()).as("reads keep working while Kafka is away").isEqualTo(200);
                readsDuringOutage++;
                maxThreads = Math.max(maxThreads, ManagementFactory.getThreadMXBean().getThreadCount());
                Thread.sleep(500);
            }
            broker = BrokerProcess.start(dir.resolve("kafka"));
            bootstrap = broker.bootstrapServers();
            brokerDown = false;
            defineElsewhere(bootstrap, "latecomer");
            Thread.sleep(8_000);
            loading.set(false);
            for (Thread t : loaders) {
                t.join();
            }

            long acked = status.values().stream().filter(s -> s == 201).count();
            long refused = status.values().stream().filter(s -> s == 503).count();
            System.out.printf("broker outage %d s: %d batches, %d acknowledged, %d refused with 503; answers while "
                            + "away p50 %d ms, p99 %d ms, max %d ms; %d reads answered; threads %d before, %d at most%n",
                    OUTAGE.toSeconds(), status.size(), acked, refused, outageAnswerMillis.getValueAtPercentile(50),
                    outageAnswerMillis.getValueAtPercentile(99), outageAnswerMillis.getMaxValue(), readsDuringOutage,
                    threadsBefore, maxThreads);
            assertThat(refused).as("writes were refused while Kafka was away").isGreaterThan(0);
            assertThat(refusedWithoutRetryAfter.get()).as("every 503 says when to retry").isZero();
            assertThat(outageAnswerMillis.getMaxValue()).as("no write hung").isLessThan(ANSWER_BOUND.toMillis());
            assertThat(maxThreads - threadsBefore).as("no thread pile-up").isLessThan(30);
            assertThat(status.values()).as("only 201 or 503").allMatch(s -> s == 201 || s == 503);

            Await.until(() -> http.get("/metrics/latecomer").status() == 200); // the view kept following

            @SuppressWarnings("unchecked")
            Map<Long, Integer>[] seen = new Map[1];
            Await.until(() -> {
                seen[0] = StoredBatches.count(http, "outage");
                return status.entrySet().stream().filter(e -> e.getValue() == 201)
                        .allMatch(e -> seen[0].getOrDefault(e.getKey(), 0) == BATCH);
            });
            for (Map.Entry<Long, Integer> e : status.entrySet()) {
                int n = seen[0].getOrDefault(e.getKey(), 0);
                assertThat(n).as("batch %d (answered %d) is whole or absent", e.getKey(), e.getValue()).isIn(0, BATCH);
            }
        } finally {
            broker.kill();
        }
    }

    /** A definition written to the registry topic by someone else (another instance): this one must see it. */
    private static void defineElsewhere(String bootstrap, String name) throws Exception {
        Map<String, Object> config = Map.of("bootstrap.servers", bootstrap, "key.serializer", StringSerializer.class,
                "value.serializer", StringSerializer.class);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            producer.send(new ProducerRecord<>(Topics.defaults().metrics(), name, "{\"name\":\"" + name
                    + "\",\"type\":\"gauge\",\"label_keys\":[\"host\"]}")).get(60, TimeUnit.SECONDS);
        }
    }

    private void load(int port, AtomicBoolean loading) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        while (loading.get()) {
            long batch = nextBatch.getAndIncrement();
            String body = StoredBatches.body(batch, BATCH, t0);
            boolean duringOutage = brokerDown;
            long started = System.nanoTime();
            try {
                HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                                + "/metrics/outage/data")).header("Content-Type", "application/json")
                                .timeout(ANSWER_BOUND.plusSeconds(10))
                                .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                        HttpResponse.BodyHandlers.ofString());
                status.put(batch, r.statusCode());
                if (r.statusCode() == 503 && r.headers().firstValue("Retry-After").isEmpty()) {
                    refusedWithoutRetryAfter.incrementAndGet();
                }
                if (r.statusCode() == 503) {
                    Thread.sleep(200); // a polite client backs off a little
                }
            } catch (Exception e) {
                status.put(batch, -1); // no answer: a hung or broken request, which the test refuses
            }
            if (duringOutage) {
                outageAnswerMillis.recordValue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
            }
        }
    }
}
