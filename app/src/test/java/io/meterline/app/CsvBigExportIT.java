package io.meterline.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.meterline.core.Labels;
import io.meterline.core.Point;
import io.meterline.core.storage.PointWriter;
import io.meterline.storage.QuestDbMetricStore;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bounded memory, proven: a server process started with {@code -Xmx256m} (embedded broker,
 * stream, QuestDB and HTTP all in that heap) downloads five million rows as one CSV. The rows are
 * loaded straight into its storage beforehand: this proves the export, not the ingest.
 * {@code -Dmeterline.bigExport.rows=N} changes the size.
 */
class CsvBigExportIT {

    @TempDir
    static Path dataDir;

    @Test
    void aServerWith256MegabytesOfHeapStreamsFiveMillionRowsAsCsv() throws Exception {
        int rows = Integer.getInteger("meterline.bigExport.rows", 5_000_000);
        int hosts = 1_000;
        int perHost = rows / hosts;
        // the definition lives in the registry topic: create it through a first server
        try (ServerProcess first = ServerProcess.start(dataDir, "-Xmx512m")) {
            Http.Response created = new Http(first.port).post("/metrics",
                    "{\"name\":\"big\",\"type\":\"gauge\",\"label_keys\":[\"host\"]}");
            assertThat(created.status()).as(created.body()).isEqualTo(201);
        }
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(perHost * 10L + 3_600, ChronoUnit.SECONDS);
        try (QuestDbMetricStore store = new QuestDbMetricStore(dataDir.resolve("questdb"));
             PointWriter writer = store.openWriter()) {
            Labels[] labels = new Labels[hosts];
            for (int h = 0; h < hosts; h++) {
                labels[h] = Labels.of(Map.of("host", "host-" + h));
            }
            for (int i = 0; i < perHost; i++) {
                Instant ts = t0.plusSeconds(10L * i);
                for (int h = 0; h < hosts; h++) {
                    writer.write(new Point.Gauge("big", labels[h], ts, i * 0.5 - h));
                }
                if (i % 500 == 499) {
                    writer.commit();
                }
            }
            writer.commit();
            store.awaitApplied();
        }

        try (ServerProcess server = ServerProcess.start(dataDir, "-Xmx256m")) {
            long start = System.nanoTime();
            long lines = 0;
            long bytes = 0;
            HttpResponse<InputStream> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.port + "/metrics/big/data.csv")).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            assertThat(response.statusCode()).isEqualTo(200);
            try (InputStream in = response.body()) {
                byte[] buffer = new byte[1 << 16];
                for (int n; (n = in.read(buffer)) > 0; ) {
                    bytes += n;
                    for (int i = 0; i < n; i++) {
                        if (buffer[i] == '\n') {
                            lines++;
                        }
                    }
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("exported %,d rows (%,.1f MB) from a -Xmx256m server in %.1f s: %,.0f rows/s%n",
                    lines - 1, bytes / 1e6, seconds, (lines - 1) / seconds);
            assertThat(lines).isEqualTo((long) perHost * hosts + 1);
            assertThat(server.alive()).isTrue();
            assertThat(server.logText()).doesNotContain("OutOfMemoryError");
        }
    }
}
