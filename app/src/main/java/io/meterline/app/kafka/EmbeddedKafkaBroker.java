package io.meterline.app.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A one-node Kafka cluster (KRaft, broker and controller in one) inside this JVM, on 127.0.0.1.
 *
 * <p>Everything lives in the data folder: {@code ports.properties} (chosen on the first start and reused,
 * since the KRaft metadata is tied to the controller port), {@code server.properties} (rewritten on each
 * start, for diagnosis) and {@code kafka/} (the log and metadata). Settings: {@link BrokerProperties}.
 *
 * <p>Kafka logs a lot at info. {@link #start} turns its loggers to warn through slf4j-simple's system
 * properties unless they are set already; that only takes effect for loggers not created yet, so start
 * the broker before any Kafka client.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    public static final Duration DEFAULT_READY_TIMEOUT = Duration.ofSeconds(60);

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);

    private final KafkaRaftServer server;
    private final ExitGuard exitGuard;
    private final String bootstrapServers;
    private boolean closed;

    private EmbeddedKafkaBroker(KafkaRaftServer server, ExitGuard exitGuard, String bootstrapServers) {
        this.server = server;
        this.exitGuard = exitGuard;
        this.bootstrapServers = bootstrapServers;
    }

    public static EmbeddedKafkaBroker start(Path dataDir) {
        return start(dataDir, Map.of(), DEFAULT_READY_TIMEOUT);
    }

    /**
     * Starts the broker and returns once it answers clients.
     *
     * @param overrides broker settings that replace {@link BrokerProperties}' ones, e.g. {@code log.flush.interval.messages}
     */
    public static EmbeddedKafkaBroker start(Path dataDir, Map<String, String> overrides, Duration readyTimeout) {
        quietKafkaLogs();
        long startNanos = System.nanoTime();
        createDirectories(dataDir);
        BrokerPorts ports = BrokerPorts.loadOrChoose(dataDir);
        ports.requireFree(dataDir.resolve(BrokerPorts.FILE_NAME));

        Path logDir = dataDir.resolve("kafka");
        Path configFile = dataDir.resolve("server.properties");
        Properties config = BrokerProperties.forSingleNode(ports, logDir, overrides);
        StorageFormatter.write(config, configFile);
        boolean formatted = StorageFormatter.formatIfNeeded(configFile, logDir);

        String bootstrapServers = BrokerPorts.LOOPBACK + ":" + ports.broker();
        ExitGuard exitGuard = ExitGuard.install();
        KafkaRaftServer server = null;
        try {
            server = new KafkaRaftServer(KafkaConfig.fromProps(config, false), Time.SYSTEM);
            server.startup();
            awaitReady(bootstrapServers, readyTimeout);
        } catch (RuntimeException e) {
            stopQuietly(server);
            exitGuard.close();
            throw e instanceof KafkaBrokerException k ? k : KafkaBrokerException.startFailed(dataDir, e);
        }
        LOG.info("Embedded Kafka broker ready [bootstrap={}, dataDir={}, formatted={}, startMillis={}]",
                bootstrapServers, dataDir, formatted, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos));
        return new EmbeddedKafkaBroker(server, exitGuard, bootstrapServers);
    }

    /** {@code 127.0.0.1:<port>}, for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** Set once Kafka has asked to end the JVM (refused, see {@link ExitGuard}); the broker is then unusable. */
    public Optional<String> fault() {
        return exitGuard.fault();
    }

    /** Stops the broker and waits until it has flushed and released the data folder. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            server.shutdown();
            server.awaitShutdown();
        } finally {
            exitGuard.close();
        }
    }

    private static void awaitReady(String bootstrapServers, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, Object> adminConfig = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(5_000, timeout.toMillis()));
        try (Admin admin = Admin.create(adminConfig)) {
            // a fenced broker is left out of the node list: wait until ours is in it
            while (admin.describeCluster().nodes().get(remainingMillis(deadline), TimeUnit.MILLISECONDS).isEmpty()) {
                Thread.sleep(Math.min(100, remainingMillis(deadline)));
            }
        } catch (ExecutionException | TimeoutException e) {
            throw KafkaBrokerException.notReady(bootstrapServers, timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw KafkaBrokerException.notReady(bootstrapServers, timeout, e);
        }
    }

    private static long remainingMillis(long deadlineNanos) {
        return Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime()));
    }

    private static void stopQuietly(KafkaRaftServer server) {
        if (server == null) {
            return;
        }
        try {
            server.shutdown();
            server.awaitShutdown();
        } catch (RuntimeException e) {
            LOG.warn("Embedded Kafka broker did not stop cleanly after a failed start", e);
        }
    }

    private static void createDirectories(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the Kafka data folder [dataDir=" + dataDir + "]", e);
        }
    }

    /** Kafka's loggers to warn, unless the application or the command line chose a level already. */
    private static void quietKafkaLogs() {
        for (String logger : new String[] {"kafka", "org.apache.kafka", "state.change.logger"}) {
            String key = "org.slf4j.simpleLogger.log." + logger;
            if (System.getProperty(key) == null) {
                System.setProperty(key, "warn");
            }
        }
    }
}
