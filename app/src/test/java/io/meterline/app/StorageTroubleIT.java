package io.meterline.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.meterline.core.ComponentHealth;
import io.meterline.core.Point;
import io.meterline.core.storage.MetricReader;
import io.meterline.core.storage.MetricStore;
import io.meterline.core.storage.PointWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Storage that stops taking writes (a full or read-only disk: here the stream's store throws on
 * write and commit, the way QuestDB does when it cannot extend a file), while reads keep working.
 * Ingestion keeps being acknowledged by Kafka, the stream acknowledges nothing (its offsets stay),
 * {@code /ready} says why, and once writes work again every point is stored, once.
 */
class StorageTroubleIT {

    @TempDir
    Path dataDir;

    private final AtomicBoolean diskFull = new AtomicBoolean();

    @Test
    void writesThatFailAreRetriedFromKafkaAndReadySaysWhyUntilStorageRecovers() {
        try (Application app = new Application(AppConfig.from(new String[] {"--port", "0", "--data-dir",
                dataDir.toString(), "--partitions", "2"}, Map.of()), Clock.systemUTC(), this::failingWhenDiskFull)) {
            Http http = new Http(app.httpPort());
            http.post("/metrics", "{\"name\":\"cpu\",\"type\":\"gauge\",\"label_keys\":[\"host\"]}");
            Instant t0 = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(1, ChronoUnit.HOURS);
            String all = "/metrics/cpu/data?limit=100000&start_time=" + t0 + "&end_time=" + t0.plusSeconds(3_000);
            post(http, t0, 0, 100);
            Await.until(() -> http.get(all).json().size() == 100);

            diskFull.set(true);
            post(http, t0, 100, 300); // Kafka has them: 201
            Await.until(() -> http.get("/ready").status() == 503);
            Http.Response ready = http.get("/ready");
            assertThat(ready.body()).contains("storage-writes", "No space left on device", "wait in Kafka");
            assertThat(ready.header("Retry-After")).isNotNull();
            assertThat(http.get(all).json()).as("reads keep working; nothing new is half-stored").hasSize(100);
            post(http, t0, 300, 400);

            diskFull.set(false);
            Await.until(() -> http.get(all).json().size() == 400);
            Await.until(() -> http.get("/ready").status() == 200);
            assertThat(http.get(all).json()).extracting(p -> p.get("value").asInt())
                    .as("every point once, in order").containsExactlyElementsOf(java.util.stream.IntStream
                            .range(0, 400).boxed().toList());
            String hourly = "/metrics/cpu/data?step=1h&agg=count&group_by=&start_time=" + t0 + "&end_time=" + t0.plusSeconds(3_000);
            Await.until(() -> http.get(hourly).json().size() == 1 && http.get(hourly).json().get(0).get("value").asInt() == 400);
        }
    }

    private static void post(Http http, Instant t0, int from, int to) {
        StringBuilder batch = new StringBuilder("[");
        for (int i = from; i < to; i++) {
            batch.append(i == from ? "" : ",").append("{\"labels\":{\"host\":\"h").append(i % 3).append("\"},\"value\":")
                    .append(i).append(",\"timestamp\":\"").append(t0.plusSeconds(i)).append("\"}");
        }
        assertThat(http.post("/metrics/cpu/data", batch.append(']').toString()).status()).isEqualTo(201);
    }

    /** The stream's store, failing every write and commit while {@link #diskFull} is set. */
    private MetricStore failingWhenDiskFull(MetricStore real) {
        return new MetricStore() {
            @Override
            public PointWriter openWriter() {
                PointWriter writer = real.openWriter();
                return new PointWriter() {
                    @Override
                    public void write(Point point) {
                        failIfDiskFull();
                        writer.write(point);
                    }

                    @Override
                    public void commit() {
                        failIfDiskFull();
                        writer.commit();
                    }

                    @Override
                    public void commitRollups() {
                        failIfDiskFull();
                        writer.commitRollups();
                    }

                    @Override
                    public void rollback() {
                        writer.rollback();
                    }

                    @Override
                    public void close() {
                        writer.close();
                    }
                };
            }

            private void failIfDiskFull() {
                if (diskFull.get()) {
                    throw new IllegalStateException("could not extend the WAL segment: No space left on device");
                }
            }

            @Override
            public MetricReader reader() {
                return real.reader();
            }

            @Override
            public ComponentHealth check() {
                return real.check();
            }

            @Override
            public void close() {
                // the application closes the real store
            }
        };
    }
}
