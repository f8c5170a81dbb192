package io.meterline.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bounded-memory proof: loads {@code meterline.bigExport.rows} points (default 5M), then
 * downloads them all as one CSV and reports rows/s, MB/s and the peak heap during the download.
 * Opt-in, it takes minutes:
 * {@code ./mvnw -B -o -pl app verify -Dit.test=CsvBigExportIT -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false
 * -Dmeterline.bigExport=true -DargLine=-Xmx256m}
 */
@EnabledIfSystemProperty(named = "meterline.bigExport", matches = "true")
class CsvBigExportIT {

    @TempDir
    static Path dataDir;

    @Test
    void exportsMillionsOfRowsInBoundedHeap() throws Exception {
        int rows = Integer.getInteger("meterline.bigExport.rows", 5_000_000);
        int hosts = 1_000;
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(3, ChronoUnit.HOURS);
        try (Application app = new Application(AppConfig.from(new String[] {"--port", "0", "--data-dir",
                dataDir.toString()}, Map.of()), Clock.systemUTC())) {
            Http http = new Http(app.httpPort());
            assertThat(http.post("/metrics", "{\"name\":\"big\",\"type\":\"gauge\",\"label_keys\":[\"host\"]}").status())
                    .isEqualTo(201);
            long loadStart = System.nanoTime();
            int perChunk = 20; // timestamps per request: 20k rows, ~1 MB: the loader shares the 256 MB heap
            for (int from = 0; from < rows / hosts; from += perChunk) {
                StringBuilder csv = new StringBuilder(1 << 20).append("timestamp,host,value\r\n");
                for (int i = from; i < Math.min(from + perChunk, rows / hosts); i++) {
                    String ts = t0.plusMillis(i * 1000L).toString();
                    for (int h = 0; h < hosts; h++) {
                        csv.append(ts).append(",host-").append(h).append(',').append(i * 0.5).append("\r\n");
                    }
                }
                Http.Response r = http.post("/metrics/big/data", csv.toString(), "text/csv");
                assertThat(r.status()).as(r.body()).isEqualTo(201);
            }
            long total = (long) (rows / hosts) * hosts;
            long stored;
            do { // the stream stores asynchronously: count what is visible with a one-day downsample
                Thread.sleep(2_000);
                stored = 0;
                for (var bucket : http.get("/metrics/big/data?step=1d&agg=count&group_by=").json()) {
                    stored += bucket.get("value").asLong();
                }
            } while (stored < total);
            double loadSeconds = (System.nanoTime() - loadStart) / 1e9;

            System.gc();
            ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
            long start = System.nanoTime();
            long bytes = 0;
            long lines = 0;
            HttpResponse<InputStream> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + app.httpPort() + "/metrics/big/data.csv")).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
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
            long peakHeap = ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(p -> p.getType() == MemoryType.HEAP).mapToLong(p -> p.getPeakUsage().getUsed()).sum();
            System.out.printf("BIG EXPORT rows=%d load=%.1fs export=%.1fs rows/s=%.0f MB=%.1f MB/s=%.1f peakHeapMB=%.0f maxHeapMB=%d%n",
                    lines - 1, loadSeconds, seconds, (lines - 1) / seconds, bytes / 1e6, bytes / 1e6 / seconds,
                    peakHeap / 1e6, Runtime.getRuntime().maxMemory() >> 20);
            assertThat(lines - 1).isEqualTo(total);
        }
    }
}
