package io.meterline.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.meterline.storage.QuestDbServerForTests;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scale-out as it runs in production: a Kafka broker as its own process, a QuestDB server, and
 * three Meterline processes sharing one application id (the stream's partitions spread over them)
 * and one QuestDB server. A steady HTTP load goes to all three; one is SIGKILLed mid-load. Every
 * acknowledged batch must be stored exactly once (its partitions move to the survivors, which
 * resume from the dead one's last commit), the rollups must count every point, and every instance
 * (the killed one restarted, too) must answer the same queries the same way.
 */
class ScaleOutIT {

    private static final int INSTANCES = 3;
    private static final int BATCH = 50;

    @TempDir
    Path dir;

    private final Map<Long, Integer> status = new ConcurrentHashMap<>();
    private final AtomicLong nextBatch = new AtomicLong();
    private final Instant t0 = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(3, ChronoUnit.HOURS);

    @Test
    void threeInstancesShareTheWorkSurviveASigkillAndAnswerAlike() throws Exception {
        try (BrokerProcess broker = BrokerProcess.start(dir.resolve("kafka"));
             QuestDbServerForTests questdb = new QuestDbServerForTests(dir.resolve("questdb"))) {
            List<ServerProcess> instances = new ArrayList<>();
            try {
                // all at once, as a deployment starts them: they race to make the topics and tables
                List<java.util.concurrent.Future<ServerProcess>> starting = new ArrayList<>();
                java.util.concurrent.ExecutorService starter = java.util.concurrent.Executors.newFixedThreadPool(INSTANCES);
                for (int i = 0; i < INSTANCES; i++) {
                    int id = i;
                    starting.add(starter.submit(() -> start(id, broker, questdb)));
                }
                starter.shutdown();
                Exception failed = null;
                for (java.util.concurrent.Future<ServerProcess> f : starting) {
                    try {
                        instances.add(f.get());
                    } catch (java.util.concurrent.ExecutionException e) {
                        failed = failed == null ? e : failed; // the others still get closed below
                    }
                }
                if (failed != null) {
                    throw failed;
                }
                Http first = new Http(instances.get(0).port);
                assertThat(first.post("/metrics", "{\"name\":\"spread\",\"type\":\"gauge\",\"label_keys\":[\"host\"]}")
                        .status()).isEqualTo(201);
                for (ServerProcess instance : instances) {
                    // the registry view converges: a definition made on one instance is known to all
                    Await.until(() -> new Http(instance.port).get("/metrics/spread").status() == 200);
                }

                List<AtomicBoolean> loading = new ArrayList<>();
                List<Thread> loaders = new ArrayList<>();
                for (ServerProcess instance : instances) {
                    AtomicBoolean on = new AtomicBoolean(true);
                    Thread t = new Thread(() -> load(instance.port, on), "loader-" + instance.port);
                    t.start();
                    loading.add(on);
                    loaders.add(t);
                }
                Thread.sleep(8_000);
                instances.get(1).kill();
                loading.get(1).set(false);
                Thread.sleep(15_000); // the survivors take over its partitions (session timeout 6 s) under load
                loading.forEach(on -> on.set(false));
                for (Thread t : loaders) {
                    t.join();
                }

                long acked = status.values().stream().filter(s -> s == 201).count();
                long unanswered = status.values().stream().filter(s -> s == -1).count();
                System.out.printf("scale-out: %d batches of %d points, %d acknowledged, %d unanswered (the killed "
                        + "instance's), the rest refused%n", status.size(), BATCH, acked, unanswered);
                assertThat(acked).as("batches acknowledged").isGreaterThan(30);
                @SuppressWarnings("unchecked")
                Map<Long, Integer>[] seen = new Map[1];
                Await.until(() -> {
                    seen[0] = StoredBatches.count(first, "spread");
                    return status.entrySet().stream().filter(e -> e.getValue() == 201)
                            .allMatch(e -> seen[0].getOrDefault(e.getKey(), 0) == BATCH);
                });
                for (Map.Entry<Long, Integer> e : status.entrySet()) {
                    assertThat(seen[0].getOrDefault(e.getKey(), 0)).as("batch %d (answered %d) is stored whole or not "
                            + "at all, and once", e.getKey(), e.getValue()).isIn(0, BATCH);
                }
                long stored = seen[0].values().stream().mapToLong(Integer::longValue).sum();
                Await.until(() -> rollupCount(first, "1m") == stored && rollupCount(first, "1h") == stored);

                instances.set(1, start(1, broker, questdb)); // the killed one comes back on its folder
                List<String> queries = List.of("/metrics/spread/data?limit=100000",
                        "/metrics/spread/data?step=1m&agg=avg", "/metrics/spread/data?step=1h&agg=max&group_by=host",
                        "/metrics/spread/data.csv?host=h1", "/metrics/spread/labels", "/metrics");
                for (String query : queries) {
                    Http.Response expected = first.get(query);
                    assertThat(expected.status()).as(query).isEqualTo(200);
                    for (ServerProcess instance : instances) {
                        assertThat(new Http(instance.port).get(query).body())
                                .as("instance on port %d answers %s like the others", instance.port, query)
                                .isEqualTo(expected.body());
                    }
                }
            } finally {
                for (ServerProcess instance : instances) {
                    instance.close();
                }
            }
        }
    }

    private ServerProcess start(int id, BrokerProcess broker, QuestDbServerForTests questdb) throws Exception {
        return ServerProcess.start(dir.resolve("meterline-" + id), "-Xmx256m",
                "--kafka-bootstrap-servers", broker.bootstrapServers(), "--questdb", questdb.address(),
                "--instance-id", Integer.toString(id), "--partitions", "6", "--stream-threads", "1",
                // a dead instance's partitions move after this long (the default 45 s is for real networks)
                "--kafka-property", "session.timeout.ms=6000");
    }

    private static long rollupCount(Http http, String step) {
        long counted = 0;
        for (JsonNode b : http.get("/metrics/spread/data?step=" + step + "&agg=count&group_by=").json()) {
            counted += b.get("value").asLong();
        }
        return counted;
    }

    /** Batches of points whose value is the batch number (see {@link StoredBatches}), each point at its own time. */
    private void load(int port, AtomicBoolean loading) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        while (loading.get()) {
            long batch = nextBatch.getAndIncrement();
            String body = StoredBatches.body(batch, BATCH, t0);
            try {
                HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                                + "/metrics/spread/data")).header("Content-Type", "application/json")
                                .timeout(Duration.ofSeconds(30))
                                .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                        HttpResponse.BodyHandlers.ofString());
                status.put(batch, r.statusCode());
            } catch (Exception e) {
                status.put(batch, -1); // no answer (the instance was killed): it may or may not be stored
            }
        }
    }
}
