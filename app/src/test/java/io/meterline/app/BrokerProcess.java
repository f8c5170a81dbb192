package io.meterline.app;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A Kafka broker (KRaft, one node) as a process of its own, as a Kafka cluster is in production:
 * it can be SIGKILLed and restarted on the same folder. Runs the test main {@code StandaloneBroker}
 * from the runnable jar plus the test classes.
 */
final class BrokerProcess implements AutoCloseable {

    private final Process process;
    private final String bootstrapServers;

    private BrokerProcess(Process process, String bootstrapServers) {
        this.process = process;
        this.bootstrapServers = bootstrapServers;
    }

    /** Starts a broker on {@code dir} (its data survive a restart on the same folder) and waits until it is ready. */
    static BrokerProcess start(Path dir) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = Path.of("target", "meterline.jar").toAbsolutePath() + File.pathSeparator
                + Path.of("target", "test-classes").toAbsolutePath();
        Files.createDirectories(dir);
        Process process = new ProcessBuilder(java, "-Xmx384m", "-cp", classpath, "io.meterline.app.kafka.StandaloneBroker",
                dir.toString()).redirectErrorStream(true).start();
        try {
            return new BrokerProcess(process, readyLine(process));
        } catch (Exception e) {
            process.destroyForcibly();
            throw e;
        }
    }

    String bootstrapServers() {
        return bootstrapServers;
    }

    /** SIGKILL, and wait until the process is gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }

    /** Waits for the broker's READY line, echoing what it prints; a broker that fails to start fails the test. */
    private static String readyLine(Process broker) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(broker.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> ready = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try {
                for (String line; (line = out.readLine()) != null; ) {
                    System.out.println("[broker] " + line);
                    if (line.startsWith("READY ")) {
                        ready.complete(line.substring("READY ".length()).trim());
                    }
                }
            } catch (java.io.IOException closed) {
                // the process ended
            }
            ready.completeExceptionally(new IllegalStateException("the broker process ended before it was ready"));
        }, "broker-output");
        reader.setDaemon(true);
        reader.start();
        return ready.get(90, TimeUnit.SECONDS);
    }
}
