package io.meterline.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import io.meterline.core.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The shared harness's workload, sent to a Meterline this program starts itself (README's run
 * command: embedded broker and QuestDB, a fresh data folder) through one or more routes, each on a
 * fresh instance: {@code ndjson} ({@code POST /data}), {@code batch} ({@code POST
 * /metrics/{name}/data} with JSON arrays) and {@code producer} ({@code MeterlineProducer}). For each
 * it measures the harness's seven figures (ingest until queryable, Q1, Q2, Q3, export, disk, peak
 * RSS) and the requests' latencies in HdrHistogram; with {@code --rate} the connections keep a pace
 * and latencies count from when each request was due. A markdown table goes to standard output.
 *
 * <pre>java -Xmx3g -cp "$CP" io.meterline.bench.load.LoadGenerator --routes ndjson,batch,producer</pre>
 */
public final class LoadGenerator {

    private static final Map<String, String> DEFAULTS = Map.ofEntries(
            Map.entry("routes", "ndjson,batch,producer"), Map.entry("series", "1000"), Map.entry("points", "10000"),
            Map.entry("connections", "4"), Map.entry("batch-points", "10000"), Map.entry("rate", "0"),
            Map.entry("jar", "app/target/meterline.jar"), Map.entry("heap", "512m"), Map.entry("port", "18490"),
            Map.entry("work-dir", "/tmp/meterline-load"), Map.entry("settle-s", "10"), Map.entry("query-reps", "10"),
            Map.entry("export-reps", "3"));

    private final Map<String, String> options;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private LoadGenerator(Map<String, String> options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        // the producer route's Kafka clients log every connection at INFO: keep the report readable
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        Map<String, String> options = new HashMap<>(DEFAULTS);
        for (int i = 0; i < args.length; i += 2) {
            String key = args[i].replaceFirst("^--", "");
            if (!DEFAULTS.containsKey(key) || i + 1 >= args.length) {
                System.err.println("usage: LoadGenerator " + DEFAULTS.keySet().stream().sorted()
                        .map(k -> "[--" + k + " " + DEFAULTS.get(k) + "]").collect(Collectors.joining(" ")));
                System.exit(2);
            }
            options.put(key, args[i + 1]);
        }
        new LoadGenerator(options).run();
    }

    private int integer(String key) {
        return Integer.parseInt(options.get(key));
    }

    private void run() throws Exception {
        PeerWorkload workload = new PeerWorkload(integer("series"), integer("points"), 10, 42,
                PeerWorkload.defaultStartMs(integer("points"), 10, Instant.now()), integer("batch-points"),
                integer("connections"));
        List<PeerWorkload.Batch> batches = workload.batches();
        System.out.printf("Workload: %,d gauge series and the harness's enum and histogram hosts, %,d points each, %,d points "
                        + "in %,d batches over %d connections; rate %s; load average %s%n%n", workload.series, workload.points,
                workload.harnessPoints(),
                batches.size(), integer("connections"), integer("rate") == 0 ? "as fast as acknowledged" : options.get("rate")
                        + " points/s", loadAverage());
        Map<String, Map<String, String>> results = new LinkedHashMap<>();
        for (String route : options.get("routes").split(",")) {
            results.put(route, runRoute(route.trim(), workload, batches));
        }
        printTable(results);
    }

    private Map<String, String> runRoute(String routeName, PeerWorkload workload, List<PeerWorkload.Batch> batches)
            throws Exception {
        Path dataDir = Path.of(options.get("work-dir"), routeName);
        deleteRecursively(dataDir);
        Map<String, String> figures = new LinkedHashMap<>();
        figures.put("load average at start", loadAverage());
        try (MeterlineProcess meterline = MeterlineProcess.start(Path.of(options.get("jar")), options.get("heap"), dataDir,
                integer("port"))) {
            String base = meterline.baseUrl();
            defineMetrics(base);
            try (IngestRoute route = switch (routeName) {
                case "ndjson" -> HttpRoute.ndjson(base);
                case "batch" -> HttpRoute.jsonBatch(base);
                case "producer" -> new ProducerRoute(meterline.kafkaBootstrap());
                default -> throw new IllegalArgumentException("unknown route " + routeName + " (ndjson, batch, producer)");
            }) {
                route.prepare(batches);
                double cpu0 = meterline.cpuSeconds();
                long t0 = System.nanoTime();
                RequestLatencies latencies = send(route, batches, t0);
                double acked = (System.nanoTime() - t0) / 1e9;
                double queryable = awaitQueryable(base, workload, t0);
                double cpu = meterline.cpuSeconds() - cpu0;
                long total = workload.harnessPoints();
                figures.put("ingest pts/s acknowledged", String.format("%,.0f", total / acked));
                figures.put("ingest pts/s until queryable", String.format("%,.0f", total / queryable));
                figures.put("server CPU s / 1M pts ingest", String.format("%.2f", cpu / (total / 1e6)));
                figures.put("request latency ms p50 / p90 / p99 / p99.9 / max, service time",
                        RequestLatencies.percentiles(latencies.service));
                figures.put("request latency ms p50 / p90 / p99 / p99.9 / max, from when due",
                        RequestLatencies.percentiles(latencies.fromDue));
                figures.put("peak RSS MB after ingest", Long.toString(meterline.peakRssMb()));
            }
            Thread.sleep(TimeUnit.SECONDS.toMillis(integer("settle-s")));
            queries(base, workload).forEach((name, path) -> figures.put(name + " median ms", median(path)));
            figures.put("export all cpu rows/s", exportRate(base, workload));
            figures.put("peak RSS MB at end", Long.toString(meterline.peakRssMb()));
            meterline.close();
            figures.put("disk B/pt after stop, storage (QuestDB)", String.format("%.1f",
                    meterline.bytesUnder("questdb") / (double) workload.harnessPoints()));
            figures.put("disk B/pt after stop, Kafka log", String.format("%.1f",
                    meterline.bytesUnder("kafka") / (double) workload.harnessPoints()));
        }
        return figures;
    }

    /** Batches of shard k go, in order, over connection k % connections, each connection waiting for its acknowledgement. */
    private RequestLatencies send(IngestRoute route, List<PeerWorkload.Batch> batches, long t0) throws Exception {
        int connections = integer("connections");
        List<List<Integer>> queues = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            queues.add(new ArrayList<>());
        }
        for (int i = 0; i < batches.size(); i++) {
            queues.get(batches.get(i).shard() % connections).add(i);
        }
        // a connection's share of the rate: a batch is due when the points before it on its connection would have gone
        double nanosPerPoint = integer("rate") == 0 ? 0 : 1e9 * connections / integer("rate");
        RequestLatencies all = new RequestLatencies();
        ExecutorService pool = Executors.newFixedThreadPool(connections);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (List<Integer> queue : queues) {
                IngestRoute.Sender sender = route.connect();
                done.add(pool.submit(() -> {
                    RequestLatencies mine = new RequestLatencies();
                    long pointsBefore = 0;
                    try (sender) {
                        for (int index : queue) {
                            long due = nanosPerPoint == 0 ? 0 : t0 + (long) (pointsBefore * nanosPerPoint);
                            while (due > 0 && System.nanoTime() < due) {
                                Thread.sleep(Math.max(0, (due - System.nanoTime()) / 1_000_000), 0);
                            }
                            long sent = System.nanoTime();
                            sender.send(index);
                            mine.record(due, sent, System.nanoTime());
                            pointsBefore += batches.get(index).harnessPoints();
                        }
                    }
                    all.add(mine);
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return all;
    }

    private void defineMetrics(String base) throws Exception {
        String bounds = PeerWorkload.BOUNDS.stream().map(b -> b.equals("+Inf") ? "\"+Inf\"" : b)
                .collect(Collectors.joining(","));
        String states = PeerWorkload.STATES.stream().map(s -> '"' + s + '"').collect(Collectors.joining(","));
        for (String definition : List.of(
                "{\"name\":\"" + PeerWorkload.GAUGE + "\",\"type\":\"gauge\",\"label_keys\":[\"host\",\"region\"]}",
                "{\"name\":\"" + PeerWorkload.ENUM + "\",\"type\":\"enum\",\"label_keys\":[\"host\"],\"states\":[" + states + "]}",
                "{\"name\":\"" + PeerWorkload.HISTOGRAM + "\",\"type\":\"histogram\",\"label_keys\":[\"host\"],\"buckets\":["
                        + bounds + "]}")) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/metrics"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(definition))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 201) {
                throw new IllegalStateException("defining a metric answered " + r.statusCode() + ": " + r.body());
            }
        }
    }

    /**
     * Seconds from {@code t0} until every point is visible, counted as the harness counts them:
     * gauges by the hourly rollups (visible means the rollups are complete too), enum samples by
     * their distribution, histogram points as raw CSV rows.
     */
    private double awaitQueryable(String base, PeerWorkload workload, long t0) throws Exception {
        long expected = workload.harnessPoints();
        while (true) {
            long seen = 0;
            for (JsonNode bucket : getJson(base + "/metrics/" + PeerWorkload.GAUGE + "/data?step=7d&agg=count&group_by=")) {
                seen += bucket.get("value").asLong();
            }
            for (JsonNode count : getJson(base + "/metrics/" + PeerWorkload.ENUM + "/distribution")) {
                seen += count.asLong();
            }
            if (seen == (long) (workload.series + workload.enumHosts) * workload.points) {
                seen += csvRows(base + "/metrics/" + PeerWorkload.HISTOGRAM + "/data.csv") * PeerWorkload.HISTOGRAM_SERIES;
            }
            if (seen >= expected) {
                return (System.nanoTime() - t0) / 1e9;
            }
            Thread.sleep(200);
        }
    }

    /** The harness's queries: the whole range in about 1,000 buckets. */
    private Map<String, String> queries(String base, PeerWorkload workload) {
        long spanSeconds = (long) workload.points * workload.intervalSeconds;
        long step = Math.max(workload.intervalSeconds, Math.round(Math.rint(spanSeconds / 1000.0)));
        long start = workload.startMs / 1000;
        String window = "start_time=" + (start + step) * 1000 + "&end_time=" + (start + spanSeconds) * 1000;
        Map<String, String> q = new LinkedHashMap<>();
        q.put("Q1 1 series→1000 buckets", base + "/metrics/cpu_usage/data?host=h0&step=" + step + "s&" + window);
        q.put("Q2 1000 series by region→1000 buckets", base + "/metrics/cpu_usage/data?group_by=region&step=" + step + "s&" + window);
        q.put("Q3 histogram p99", base + "/metrics/" + PeerWorkload.HISTOGRAM + "/data?group_by=&step=" + step + "s&" + window);
        return q;
    }

    private String median(String url) {
        try {
            double[] ms = new double[integer("query-reps")];
            for (int i = 0; i < ms.length; i++) {
                long t = System.nanoTime();
                HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                ms[i] = (System.nanoTime() - t) / 1e6;
                if (r.statusCode() != 200) {
                    return "HTTP " + r.statusCode();
                }
            }
            Arrays.sort(ms);
            double median = ms.length % 2 == 1 ? ms[ms.length / 2] : (ms[ms.length / 2 - 1] + ms[ms.length / 2]) / 2;
            return String.format("%.1f", median);
        } catch (IOException | InterruptedException e) {
            return "failed: " + e;
        }
    }

    private String exportRate(String base, PeerWorkload workload) throws Exception {
        String url = base + "/metrics/cpu_usage/data.csv?start_time=" + (workload.startMs - 1000) + "&end_time="
                + (workload.timestampMs(workload.points - 1) + 1000);
        double[] rates = new double[integer("export-reps")];
        for (int i = 0; i < rates.length; i++) {
            long t = System.nanoTime();
            long rows = csvRows(url);
            rates[i] = rows / ((System.nanoTime() - t) / 1e9);
            if (rows != (long) workload.series * workload.points) {
                return "rows " + rows + ", expected " + (long) workload.series * workload.points;
            }
        }
        Arrays.sort(rates);
        return String.format("%,.0f", rates[rates.length / 2]);
    }

    /** Data rows of a CSV answer (its lines less the header), counted as they stream in. */
    private long csvRows(String url) throws Exception {
        HttpResponse<InputStream> r = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + r.statusCode());
        }
        long lines = 0;
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = r.body()) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == '\n') {
                        lines++;
                    }
                }
            }
        }
        return Math.max(0, lines - 1);
    }

    private JsonNode getJson(String url) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + r.statusCode() + ": " + r.body());
        }
        return Json.MAPPER.readTree(r.body());
    }

    private void printTable(Map<String, Map<String, String>> results) {
        List<String> routes = new ArrayList<>(results.keySet());
        System.out.println("| figure | " + String.join(" | ", routes) + " |");
        System.out.println("|---|" + "---|".repeat(routes.size()));
        for (String figure : results.get(routes.get(0)).keySet()) {
            System.out.println("| " + figure + " | " + routes.stream().map(r -> results.get(r).getOrDefault(figure, ""))
                    .collect(Collectors.joining(" | ")) + " |");
        }
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
