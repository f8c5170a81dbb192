package io.meterline.bench.load;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The shared harness's workload, sent to a Meterline this program starts itself (README's run
 * command: embedded broker and QuestDB, a fresh data folder) through one or more routes, each on a
 * fresh instance: {@code ndjson} ({@code POST /data}), {@code batch} ({@code POST
 * /metrics/{name}/data} with JSON arrays) and {@code producer} ({@code MeterlineProducer}). For each
 * it measures the harness's seven figures (ingest until queryable, Q1, Q2, Q3, export, disk, peak
 * RSS) and the batches' latencies in HdrHistogram; with {@code --rate} the connections keep a pace
 * and latencies count from when each batch was due. A markdown table goes to standard output.
 *
 * <pre>java -Xmx3g -cp "$CP" io.meterline.bench.load.LoadGenerator --routes ndjson,batch,producer</pre>
 */
public final class LoadGenerator {

    private final LoadOptions options;
    private final PeerWorkload workload;
    private final List<PeerWorkload.Batch> batches;

    private LoadGenerator(LoadOptions options) {
        this.options = options;
        this.workload = new PeerWorkload(options.series(), options.points(), 10, 42,
                PeerWorkload.defaultStartMs(options.points(), 10, Instant.now()), options.batchPoints(),
                options.connections());
        this.batches = workload.batches();
    }

    public static void main(String[] args) throws Exception {
        // the producer route's Kafka clients log every connection at INFO: keep the report readable
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        LoadOptions options;
        try {
            options = LoadOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        new LoadGenerator(options).run();
    }

    private void run() throws Exception {
        System.out.printf("Workload: %,d gauge series and the harness's enum and histogram hosts, %,d points each, %,d points "
                        + "in %,d batches over %d connections; %s; load average %s%n%n", workload.series, workload.points,
                workload.harnessPoints(), batches.size(), options.connections(),
                options.paced() ? "paced at " + options.rate() + " points/s" : "each connection as fast as acknowledged",
                loadAverage());
        Map<String, Map<String, String>> results = new LinkedHashMap<>();
        for (String route : options.routes()) {
            results.put(route, runRoute(route));
        }
        printTable(results);
    }

    private Map<String, String> runRoute(String routeName) throws Exception {
        Path dataDir = options.workDir().resolve(routeName);
        deleteRecursively(dataDir);
        Map<String, String> figures = new LinkedHashMap<>();
        figures.put("load average at start", loadAverage());
        try (MeterlineProcess meterline = MeterlineProcess.start(options.jar(), options.heap(), dataDir, options.port())) {
            MeterlineProbe probe = new MeterlineProbe(meterline.baseUrl(), workload);
            defineMetrics(meterline.baseUrl());
            try (IngestRoute route = route(routeName, meterline)) {
                route.prepare(batches);
                List<IngestRoute.Sender> senders = new ArrayList<>();
                for (int c = 0; c < options.connections(); c++) {
                    senders.add(route.connect());
                }
                double serverCpu0 = meterline.cpuSeconds();
                long ownCpu0 = ownCpuNanos();
                long t0 = System.nanoTime();
                BatchLatencies latencies = new BatchSchedule(batches, options).send(senders, t0);
                double acked = (System.nanoTime() - t0) / 1e9;
                double ownCpu = (ownCpuNanos() - ownCpu0) / 1e9;
                double queryable = probe.awaitQueryable(t0);
                double serverCpu = meterline.cpuSeconds() - serverCpu0;
                double millions = workload.harnessPoints() / 1e6;
                figures.put("ingest pts/s acknowledged", String.format("%,.0f", workload.harnessPoints() / acked));
                figures.put("ingest pts/s until queryable", String.format("%,.0f", workload.harnessPoints() / queryable));
                figures.put("server CPU s / 1M pts ingest", String.format("%.2f", serverCpu / millions));
                // the sender's own CPU until acknowledged: for the producer, what its callers pay
                figures.put("load generator CPU s / 1M pts, sending", String.format("%.2f", ownCpu / millions));
                figures.put("batch latency ms p50 / p90 / p99 / p99.9 / max, service time",
                        BatchLatencies.percentiles(latencies.service));
                figures.put("batch latency ms p50 / p90 / p99 / p99.9 / max, from when due",
                        BatchLatencies.percentiles(latencies.fromDue));
                figures.put("peak RSS MB after ingest", Long.toString(meterline.peakRssMb()));
            }
            Thread.sleep(TimeUnit.SECONDS.toMillis(options.settleSeconds()));
            for (Map.Entry<String, String> q : probe.queries().entrySet()) {
                figures.put(q.getKey() + ", median ms", probe.medianMillis(q.getValue(), options.queryReps()));
            }
            figures.put("export all cpu rows/s", probe.exportRate(options.exportReps()));
            figures.put("peak RSS MB at end", Long.toString(meterline.peakRssMb()));
        }
        // the instance is stopped here (gracefully, by the try): what it leaves on disk
        figures.put("disk B/pt after stop (less tmp/)", String.format("%.1f",
                MeterlineProcess.diskBytes(dataDir) / (double) workload.harnessPoints()));
        return figures;
    }

    private IngestRoute route(String name, MeterlineProcess meterline) throws IOException {
        return switch (name) {
            case "ndjson" -> HttpRoute.ndjson(meterline.baseUrl());
            case "batch" -> HttpRoute.jsonBatch(meterline.baseUrl());
            case "producer" -> new ProducerRoute(meterline.kafkaBootstrap());
            default -> throw new IllegalArgumentException("unknown route " + name);
        };
    }

    private void defineMetrics(String base) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
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

    private void printTable(Map<String, Map<String, String>> results) {
        List<String> routes = new ArrayList<>(results.keySet());
        System.out.println("| figure | " + String.join(" | ", routes) + " |");
        System.out.println("|---|" + "---|".repeat(routes.size()));
        for (String figure : results.get(routes.get(0)).keySet()) {
            System.out.println("| " + figure + " | " + routes.stream().map(r -> results.get(r).getOrDefault(figure, ""))
                    .collect(Collectors.joining(" | ")) + " |");
        }
    }

    /** This process's CPU time, all threads, user and system. */
    private static long ownCpuNanos() {
        return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
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
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
