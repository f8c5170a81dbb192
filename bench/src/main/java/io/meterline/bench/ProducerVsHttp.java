package io.meterline.bench;

import io.meterline.core.Json;
import io.meterline.core.MetricDefinition;
import io.meterline.core.MetricType;
import io.meterline.ingest.client.MeterlineProducer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Points/s until queryable, against a running Meterline, for the same gauge workload sent two
 * ways: through {@link MeterlineProducer} straight onto Kafka, and through the HTTP batch route
 * (JSON arrays of 10,000 points, one connection). Queryable = counted by the hourly rollups.
 *
 * <pre>java -cp bench/target/classes:$(cat bench/target/cp.txt) io.meterline.bench.ProducerVsHttp http://localhost:8080 127.0.0.1:KAFKA_PORT 1000 1000</pre>
 */
public final class ProducerVsHttp {

    private ProducerVsHttp() {
    }

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String bootstrap = args[1];
        int series = Integer.parseInt(args[2]);
        int points = Integer.parseInt(args[3]);
        HttpClient http = HttpClient.newHttpClient();
        Instant start = Instant.now().truncatedTo(ChronoUnit.HOURS).minusSeconds(10L * points + 3_600);
        long total = (long) series * points;

        Properties kafka = new Properties();
        kafka.put("bootstrap.servers", bootstrap);
        try (MeterlineProducer producer = new MeterlineProducer(kafka)) {
            producer.define(new MetricDefinition("bench_producer", MetricType.GAUGE, List.of("host"), Instant.now(),
                    "", "", null, null));
            long t0 = System.nanoTime();
            for (int j = 0; j < points; j++) {
                Instant ts = start.plusSeconds(10L * j);
                for (int s = 0; s < series; s++) {
                    producer.gauge("bench_producer", Map.of("host", "h" + s), j + s * 0.01, ts);
                }
            }
            producer.flush();
            double acked = (System.nanoTime() - t0) / 1e9;
            double visible = awaitCount(http, base, "bench_producer", total, t0);
            System.out.printf("MeterlineProducer: %,d points, acked %,.0f points/s, queryable %,.0f points/s%n",
                    total, total / acked, total / visible);
        }

        post(http, base + "/metrics", "{\"name\":\"bench_http\",\"type\":\"gauge\",\"label_keys\":[\"host\"]}");
        long t0 = System.nanoTime();
        StringBuilder batch = new StringBuilder(1 << 20);
        int inBatch = 0;
        for (int j = 0; j < points; j++) {
            long ts = start.plusSeconds(10L * j).toEpochMilli();
            for (int s = 0; s < series; s++) {
                batch.append(inBatch == 0 ? "[" : ",").append("{\"labels\":{\"host\":\"h").append(s)
                        .append("\"},\"value\":").append(j + s * 0.01).append(",\"timestamp\":").append(ts).append('}');
                if (++inBatch == 10_000) {
                    post(http, base + "/metrics/bench_http/data", batch.append(']').toString());
                    batch.setLength(0);
                    inBatch = 0;
                }
            }
        }
        if (inBatch > 0) {
            post(http, base + "/metrics/bench_http/data", batch.append(']').toString());
        }
        double acked = (System.nanoTime() - t0) / 1e9;
        double visible = awaitCount(http, base, "bench_http", total, t0);
        System.out.printf("HTTP batch route:  %,d points, acked %,.0f points/s, queryable %,.0f points/s%n",
                total, total / acked, total / visible);
    }

    private static void post(HttpClient http, String uri, String body) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(uri)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201 && r.statusCode() != 409) {
            throw new IllegalStateException(uri + " answered " + r.statusCode() + ": " + r.body());
        }
    }

    /** Seconds from {@code t0} until the hourly rollups count every point. */
    private static double awaitCount(HttpClient http, String base, String metric, long total, long t0) throws Exception {
        URI count = URI.create(base + "/metrics/" + metric + "/data?step=7d&agg=count&group_by=");
        while (true) {
            long seen = 0;
            for (var bucket : Json.MAPPER.readTree(http.send(HttpRequest.newBuilder(count).build(),
                    HttpResponse.BodyHandlers.ofString()).body())) {
                seen += bucket.get("value").asLong();
            }
            if (seen >= total) {
                return (System.nanoTime() - t0) / 1e9;
            }
            Thread.sleep(200);
        }
    }
}
