package io.meterline.ingest;

import io.meterline.core.MetricRegistry;
import io.meterline.core.PointParser;
import io.meterline.core.storage.MetricStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;

/**
 * The stream: points topic → decode and validate against the registry → storage, or the
 * dead-letter topic. Built by pure functions that {@code main} and the tests both call.
 */
public final class MetricsTopology {

    static final String SOURCE = "points";
    static final String DECODER = "decode-and-validate";
    static final String DEAD_LETTER_SINK = "dead-letters";
    /** How often stored points become visible; offsets are committed less often (see properties). */
    static final Duration STORAGE_COMMIT_INTERVAL = Duration.ofMillis(20);

    private MetricsTopology() {
    }

    public static Topology build(Topics topics, MetricRegistry registry, PointParser parser, MetricStore store,
                                 MeterRegistry meterRegistry) {
        return build(topics, registry, parser, store, meterRegistry, new StorageWriteHealth(java.time.Clock.systemUTC()));
    }

    public static Topology build(Topics topics, MetricRegistry registry, PointParser parser, MetricStore store,
                                 MeterRegistry meterRegistry, StorageWriteHealth health) {
        IngestMeters meters = IngestMeters.on(meterRegistry);
        PointRecordDecoder decoder = new PointRecordDecoder(registry, parser);
        Topology topology = new Topology();
        topology.addSource(SOURCE, new ByteArrayDeserializer(), new ByteArrayDeserializer(), topics.points());
        topology.addProcessor(DECODER, () -> new PointRecordProcessor(decoder, meters), SOURCE);
        topology.addSink(DEAD_LETTER_SINK, topics.deadLetters(), new ByteArraySerializer(), new ByteArraySerializer(),
                DECODER);
        topology.addStateStore(StorageSinkStore.builder(store, meters, health), DECODER);
        return topology;
    }

    /**
     * Streams settings. At-least-once is enough: storage dedup makes a replay harmless. Storage
     * commits every {@link #STORAGE_COMMIT_INTERVAL} (a punctuation; a short poll keeps it ticking
     * when idle); offsets once a second, always after the storage commit that covers them.
     */
    public static Properties properties(Properties clientProperties, String applicationId, Path stateDir,
                                        Topics topics, int streamThreads) {
        Properties props = new Properties();
        props.putAll(clientProperties);
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 1_000);
        props.put(StreamsConfig.POLL_MS_CONFIG, 10);
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, streamThreads);
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) topics.replication());
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        // HTTP batches arrive in transactions: only committed (whole) batches may be stored.
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.ISOLATION_LEVEL_CONFIG), "read_committed");
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.MAX_POLL_RECORDS_CONFIG), 2000);
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        props.put("processing.exception.handler.global.enabled", true);
        // After a kill -9 the dead member holds its partitions until its session expires: keep that short.
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), 10_000);
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG), 2_000);
        return props;
    }
}
