package io.meterline.app;

import io.meterline.api.HttpApi;
import io.meterline.app.kafka.EmbeddedKafkaBroker;
import io.meterline.app.kafka.HangingTransactionRepair;
import io.meterline.core.ComponentHealth;
import io.meterline.core.Limits;
import io.meterline.core.PointParser;
import io.meterline.core.storage.MetricStore;
import io.meterline.ingest.KafkaIngestion;
import io.meterline.ingest.MetricsTopology;
import io.meterline.ingest.RegistryTopicView;
import io.meterline.ingest.StorageWriteHealth;
import io.meterline.ingest.TopicSetup;
import io.meterline.ingest.Topics;
import io.meterline.storage.QuestDbMetricStore;
import io.meterline.storage.RemoteQuestDbStore;
import io.meterline.storage.StorageSettings;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Properties;
import java.util.function.UnaryOperator;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: builds every part in order (broker, topics, storage, registry view,
 * ingestion, stream, HTTP), registers each for closing, and closes them in reverse.
 */
public final class Application implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Application.class);

    private final Deque<AutoCloseable> closeables = new ArrayDeque<>();
    private final MetricStore store;
    /** Blocks until what was committed to storage is visible to queries (embedded or on the server). */
    private final Runnable awaitApplied;
    private final KafkaStreams streams;
    private final HttpApi http;
    private final String bootstrapServers;
    private final Topics topics;

    private final StorageWriteHealth storageWrites;

    public Application(AppConfig config, Clock clock) {
        this(config, clock, UnaryOperator.identity());
    }

    /** {@code streamStorage} wraps the store the stream writes to: tests put storage trouble there. */
    Application(AppConfig config, Clock clock, UnaryOperator<MetricStore> streamStorage) {
        this.storageWrites = new StorageWriteHealth(clock);
        try {
            Files.createDirectories(config.dataDir());
            this.bootstrapServers = config.kafkaBootstrapServers().orElseGet(() -> {
                String embedded = register(EmbeddedKafkaBroker.start(config.dataDir().resolve("kafka")))
                        .bootstrapServers();
                // after a crash Kafka can lose a committed transaction's markers: see the class
                register(HangingTransactionRepair.start(embedded));
                return embedded;
            });
            Properties client = new Properties();
            if (config.kafkaConfig().isPresent()) {
                // SASL, TLS and the like go to every client as given: Meterline adds no crypto of its own
                try (var in = Files.newInputStream(config.kafkaConfig().get())) {
                    client.load(in);
                }
            }
            client.putAll(config.kafkaProperties());
            client.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            this.topics = Topics.named(Topics.DEFAULT_POINTS, config.partitions(), (short) 1);
            try (Admin admin = Admin.create(client)) {
                TopicSetup.ensure(admin, topics);
            }
            AppConfig.Retention retention = config.retention();
            StorageSettings storage = new StorageSettings(retention.raw(), retention.minute(), retention.hour());
            if (config.questdb().isPresent()) {
                RemoteQuestDbStore remote = register(new RemoteQuestDbStore(config.questdb().get(), storage));
                this.store = remote;
                this.awaitApplied = () -> remote.awaitApplied(Duration.ofSeconds(30));
            } else {
                QuestDbMetricStore embedded = register(new QuestDbMetricStore(config.dataDir().resolve("questdb"), storage));
                this.store = embedded;
                this.awaitApplied = embedded::awaitApplied;
            }
            RegistryTopicView registry = register(new RegistryTopicView(client, topics.metrics(), clock));
            registry.start(Duration.ofSeconds(60));
            KafkaIngestion ingestion = register(new KafkaIngestion(client, config.instanceId(), 4, registry, topics));
            PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            register(meters::close);
            new JvmMemoryMetrics().bindTo(meters);
            register(new JvmGcMetrics()).bindTo(meters); // closed: it listens to the collector's notifications
            new JvmThreadMetrics().bindTo(meters);
            new ProcessorMetrics().bindTo(meters);
            new UptimeMetrics().bindTo(meters);
            new FileDescriptorMetrics().bindTo(meters);
            PointParser parser = new PointParser(Limits.DEFAULTS.withMaxAge(retention.longest()), clock);

            this.streams = new KafkaStreams(MetricsTopology.build(topics, registry, parser, streamStorage.apply(store),
                    meters, storageWrites),
                    MetricsTopology.properties(client, "meterline", config.dataDir().resolve("streams"), topics,
                            config.streamThreads()));
            // A failed thread (storage trouble, say) restarts from its last committed offsets: nothing is skipped.
            streams.setUncaughtExceptionHandler(e -> {
                LOG.error("a stream thread failed; replacing it (it resumes from its last commit)", e);
                if (storageWrites.failing()) {
                    pause(); // storage is down: retry once a second rather than spin on a full disk
                }
                return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
            });
            // Leave the group on a clean stop, so a restart gets its partitions at once instead of
            // waiting out the old member's session.
            register(() -> streams.close(CloseOptions.timeout(Duration.ofSeconds(30))
                    .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)));
            StreamLag lag = new StreamLag(streams, topics.points());
            Gauge.builder("meterline.stream.records.lag", lag, StreamLag::records)
                    .description("records on the points topic the stream has yet to read")
                    .strongReference(true) // nothing else holds it: a weakly held gauge reads NaN after a GC
                    .register(meters);
            streams.start();

            if (config.demo()) {
                int points = new DemoData(ingestion, registry, clock).load();
                LOG.info(points == 0 ? "demo data already loaded in this data folder"
                        : "demo data: {} points published through the pipeline", points);
            }
            this.http = register(new HttpApi(new HttpApi.Dependencies(registry, ingestion, store.reader(), parser,
                    clock, meters, meters::scrape, this::readiness),
                    new HttpApi.Settings(config.host(), config.port(), config.maxBodyBytes(), retention.asText(),
                            config.writeToken(), config.readToken(), config.corsOrigins())).start());
        } catch (IOException e) {
            close();
            throw new UncheckedIOException("cannot create the data folder " + config.dataDir(), e);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private <T extends AutoCloseable> T register(T closeable) {
        closeables.push(closeable);
        return closeable;
    }

    List<ComponentHealth> readiness() {
        KafkaStreams.State state = streams.state();
        ComponentHealth stream = state == KafkaStreams.State.RUNNING
                ? ComponentHealth.up("stream")
                : ComponentHealth.down("stream", "the Kafka stream is " + state);
        return List.of(stream, store.check(), storageWrites.check());
    }

    private static void pause() {
        try {
            Thread.sleep(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public int httpPort() {
        return http.port();
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public Topics topics() {
        return topics;
    }


    /** Waits until everything the stream committed to storage is visible to queries (for tests). */
    public void awaitStorageApplied() {
        awaitApplied.run();
    }

    @Override
    public void close() {
        while (!closeables.isEmpty()) {
            AutoCloseable c = closeables.pop();
            try {
                c.close();
            } catch (Exception e) {
                LOG.warn("closing {} failed", c, e);
            }
        }
    }
}
