package io.meterline.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.HdrHistogram.Histogram;

/**
 * Measures, against a running Meterline, how long an acknowledged POST takes and how long after
 * the 201 the point is visible to GET. One point at a time, so each measurement is clean.
 *
 * <pre>java -cp bench/target/classes:$(cat bench/target/cp.txt) io.meterline.bench.VisibilityLatency http://localhost:8080 300</pre>
 */
public final class VisibilityLatency {

    private VisibilityLatency() {
    }

    public static void main(String[] args) throws Exception {
        String base = args.length > 0 ? args[0] : "http://localhost:8080";
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        send(client, post(base + "/metrics", "{\"name\":\"probe_visibility\",\"type\":\"gauge\",\"label_keys\":[\"probe\"]}"));

        Histogram ack = new Histogram(60_000_000L, 3);
        Histogram visible = new Histogram(60_000_000L, 3);
        Instant t = Instant.now().minusSeconds(3_600).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        for (int i = 0; i < count; i++) {
            String ts = t.plusMillis(i).toString();
            long start = System.nanoTime();
            HttpResponse<String> r = send(client, post(base + "/metrics/probe_visibility/data",
                    "{\"labels\":{\"probe\":\"p\"},\"value\":" + i + ",\"timestamp\":\"" + ts + "\"}"));
            long acked = System.nanoTime();
            if (r.statusCode() != 201) {
                throw new IllegalStateException("POST answered " + r.statusCode() + ": " + r.body());
            }
            URI query = URI.create(base + "/metrics/probe_visibility/data?start_time=" + ts + "&end_time=" + ts);
            while (send(client, HttpRequest.newBuilder(query).GET().build()).body().length() <= 2) {
                Thread.onSpinWait();
            }
            long seen = System.nanoTime();
            ack.recordValue((acked - start) / 1_000);
            visible.recordValue((seen - acked) / 1_000);
        }
        print("POST until 201 (acks=all)", ack);
        print("201 until visible to GET", visible);
    }

    private static HttpRequest post(String uri, String body) {
        return HttpRequest.newBuilder(URI.create(uri)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static HttpResponse<String> send(HttpClient client, HttpRequest request) throws Exception {
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static void print(String what, Histogram h) {
        System.out.printf("%-28s n=%d  p50 %.1f ms  p90 %.1f ms  p99 %.1f ms  max %.1f ms%n", what, h.getTotalCount(),
                h.getValueAtPercentile(50) / 1e3, h.getValueAtPercentile(90) / 1e3, h.getValueAtPercentile(99) / 1e3,
                h.getMaxValue() / 1e3);
    }
}
