package io.meterline.bench.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Meterline started as README's run command starts it (embedded broker and QuestDB, a fresh data
 * folder), in a process of its own, so that its memory and CPU are its own.
 */
final class MeterlineProcess implements AutoCloseable {

    private static final Pattern KAFKA = Pattern.compile("\\(Kafka ([^,]+), data in");

    private final Process process;
    private final Path log;
    private final int port;

    private MeterlineProcess(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    static MeterlineProcess start(Path jar, String heap, Path dataDir, int port) throws IOException, InterruptedException {
        Files.createDirectories(dataDir);
        Path log = dataDir.resolveSibling(dataDir.getFileName() + ".log");
        Process p = new ProcessBuilder(List.of("java", "-Xmx" + heap, "-XX:+UseParallelGC", "-jar", jar.toString(),
                "--data-dir", dataDir.toString(), "--port", Integer.toString(port), "--host", "127.0.0.1"))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        MeterlineProcess meterline = new MeterlineProcess(p, log, port);
        meterline.awaitReady();
        return meterline;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    private void awaitReady() throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Meterline exited with " + process.exitValue() + "; see " + log);
            }
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/ready")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200 && kafkaBootstrap() != null) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("Meterline was not ready within 3 minutes; see " + log);
    }

    /** The embedded broker's address, from the start-up line. */
    String kafkaBootstrap() throws IOException {
        Matcher m = KAFKA.matcher(Files.readString(log));
        return m.find() ? m.group(1) : null;
    }

    /** The process's peak resident memory so far (VmHWM), in MB. */
    long peakRssMb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
            }
        }
        throw new IllegalStateException("no VmHWM in /proc/" + process.pid() + "/status");
    }

    /** User and system CPU seconds the process has used so far. */
    double cpuSeconds() throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // clock ticks of USER_HZ, which Linux fixes at 100 for /proc on every architecture it runs the JDK on
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
    }

    /**
     * Bytes the data folder takes on disk (allocated blocks, as {@code du}), less its {@code tmp}
     * folder: what the harness counts as storage.
     */
    static long diskBytes(Path dataDir) throws IOException, InterruptedException {
        Process du = new ProcessBuilder("du", "-s", "--block-size=1", "--exclude=" + dataDir.resolve("tmp"),
                dataDir.toString()).redirectErrorStream(true).start();
        String out = new String(du.getInputStream().readAllBytes()).trim();
        if (du.waitFor() != 0) {
            throw new IllegalStateException("du failed: " + out);
        }
        return Long.parseLong(out.split("\\s+")[0]);
    }

    /** A graceful stop (SIGTERM), as an operator's. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
