package io.meterline.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import io.meterline.core.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** The harness's reads of a loaded Meterline: how many points are visible, its queries, its export. */
final class MeterlineProbe {

    /** As the harness: a load not visible by then has failed. */
    private static final Duration QUERYABLE_TIMEOUT = Duration.ofSeconds(900);

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String base;
    private final PeerWorkload workload;

    MeterlineProbe(String base, PeerWorkload workload) {
        this.base = base;
        this.workload = workload;
    }

    /**
     * Seconds from {@code t0} until every point is visible, counted as the harness counts them:
     * gauges by the hourly rollups (visible means the rollups are complete too), enum samples by
     * their distribution, histogram points as raw CSV rows (read only once the others are all in:
     * that poll is the heavy one).
     */
    double awaitQueryable(long t0) throws Exception {
        long expected = workload.harnessPoints();
        long gaugesAndStates = (long) (workload.series + workload.enumHosts) * workload.points;
        long deadline = t0 + QUERYABLE_TIMEOUT.toNanos();
        long seen = 0;
        while (System.nanoTime() < deadline) {
            seen = 0;
            for (JsonNode bucket : getJson("/metrics/" + PeerWorkload.GAUGE + "/data?step=7d&agg=count&group_by=")) {
                seen += bucket.get("value").asLong();
            }
            for (JsonNode count : getJson("/metrics/" + PeerWorkload.ENUM + "/distribution")) {
                seen += count.asLong();
            }
            if (seen >= gaugesAndStates) {
                seen += csvRows("/metrics/" + PeerWorkload.HISTOGRAM + "/data.csv") * PeerWorkload.HISTOGRAM_SERIES;
            }
            if (seen >= expected) {
                return (System.nanoTime() - t0) / 1e9;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException(seen + " of " + expected + " points visible after " + QUERYABLE_TIMEOUT);
    }

    /** The harness's queries (the whole range in about 1,000 buckets, and the UI's step=auto), name → path. */
    Map<String, String> queries() {
        long spanSeconds = (long) workload.points * workload.intervalSeconds;
        long step = Math.max(workload.intervalSeconds, (long) Math.rint(spanSeconds / 1000.0));
        long start = workload.startMs / 1000;
        String window = "start_time=" + (start + step) * 1000 + "&end_time=" + (start + spanSeconds) * 1000;
        String gauge = "/metrics/" + PeerWorkload.GAUGE + "/data?";
        Map<String, String> q = new LinkedHashMap<>();
        q.put("Q1 1 series→1000 buckets", gauge + "host=h0&step=" + step + "s&" + window);
        q.put("Q2 all series by region→1000 buckets", gauge + "group_by=region&step=" + step + "s&" + window);
        q.put("Q3 histogram p99", "/metrics/" + PeerWorkload.HISTOGRAM + "/data?group_by=&step=" + step + "s&" + window);
        q.put("Q1 step=auto", gauge + "host=h0&step=auto&max_points=1000&" + window);
        q.put("Q2 step=auto", gauge + "group_by=region&step=auto&max_points=1000&" + window);
        return q;
    }

    /** The median of {@code reps} answers' times, in ms, over one kept-alive connection. */
    String medianMillis(String path, int reps) throws IOException, InterruptedException {
        double[] ms = new double[reps];
        for (int i = 0; i < reps; i++) {
            long t = System.nanoTime();
            HttpResponse<byte[]> r = http.send(request(path), HttpResponse.BodyHandlers.ofByteArray());
            ms[i] = (System.nanoTime() - t) / 1e6;
            if (r.statusCode() != 200) {
                return "HTTP " + r.statusCode();
            }
        }
        Arrays.sort(ms);
        return String.format("%.1f", reps % 2 == 1 ? ms[reps / 2] : (ms[reps / 2 - 1] + ms[reps / 2]) / 2);
    }

    /** Rows/s of the whole gauge metric's CSV download, the median of {@code reps}. */
    String exportRate(int reps) throws Exception {
        String path = "/metrics/" + PeerWorkload.GAUGE + "/data.csv?start_time=" + (workload.startMs - 1000)
                + "&end_time=" + (workload.timestampMs(workload.points - 1) + 1000);
        long expected = (long) workload.series * workload.points;
        double[] rates = new double[reps];
        for (int i = 0; i < reps; i++) {
            long t = System.nanoTime();
            long rows = csvRows(path);
            rates[i] = rows / ((System.nanoTime() - t) / 1e9);
            if (rows != expected) {
                return rows + " rows, not " + expected;
            }
        }
        Arrays.sort(rates);
        return String.format("%,.0f", rates[reps / 2]);
    }

    /** Data rows of a CSV answer (its lines less the header), counted as they stream in. */
    private long csvRows(String path) throws Exception {
        HttpResponse<InputStream> r = http.send(request(path), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = r.body()) {
            if (r.statusCode() != 200) {
                throw new IllegalStateException(path + " answered " + r.statusCode());
            }
            long lines = 0;
            byte[] buffer = new byte[1 << 16];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == '\n') {
                        lines++;
                    }
                }
            }
            return Math.max(0, lines - 1);
        }
    }

    private JsonNode getJson(String path) throws Exception {
        HttpResponse<String> r = http.send(request(path), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(path + " answered " + r.statusCode() + ": " + r.body());
        }
        return Json.MAPPER.readTree(r.body());
    }

    private HttpRequest request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).build();
    }
}
