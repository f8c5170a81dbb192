package io.meterline.ingest.client;

import io.meterline.core.DefinitionJson;
import io.meterline.core.HistogramBuckets;
import io.meterline.core.InvalidInputException;
import io.meterline.core.Json;
import io.meterline.core.Labels;
import io.meterline.core.MetricDefinition;
import io.meterline.core.Point;
import io.meterline.core.PointJson;
import io.meterline.core.PointParser;
import io.meterline.core.UnavailableException;
import io.meterline.ingest.RegistryTopicView;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Writes points straight onto Meterline's points topic. Every call is checked against the registry
 * topic with the same rules the stream applies, so a wrong label set or an unknown metric throws
 * here, in the caller, instead of ending in the dead-letter topic. Points are buffered per series
 * and sent as one record per series (a JSON array) when {@link ProducerSettings#linger()} passes or
 * a series holds {@link ProducerSettings#maxPointsPerRecord()} points. Thread-safe.
 *
 * <p>A point is durable once {@link #flush()} (or {@link #close()}) has returned without an
 * exception: both wait until Kafka acknowledged every point added before (acks=all).
 */
public final class MeterlineProducer implements AutoCloseable {

    /** A caller that outpaces Kafka sends from its own thread past this many buffered points. */
    private static final int MAX_BUFFERED_POINTS = 100_000;

    private final ProducerSettings settings;
    private final KafkaProducer<byte[], byte[]> producer;
    private final RegistryTopicView registry;
    private final PointParser parser;
    private final SeriesBatcher batcher;
    private final ScheduledExecutorService lingerTimer;
    private final AtomicReference<Exception> firstFailure = new AtomicReference<>();
    private final Object lock = new Object();
    private boolean closed;

    /** Connects with these Kafka client properties (bootstrap servers, SASL, TLS, compression…) and defaults. */
    public MeterlineProducer(Properties kafkaProperties) {
        this(kafkaProperties, ProducerSettings.defaults());
    }

    public MeterlineProducer(Properties kafkaProperties, ProducerSettings settings) {
        this.settings = settings;
        this.parser = new PointParser(settings.limits(), settings.clock());
        this.batcher = new SeriesBatcher(settings.maxPointsPerRecord());
        this.registry = new RegistryTopicView(consumerProperties(kafkaProperties), settings.registryTopic(),
                settings.clock());
        try {
            registry.start(settings.registryTimeout());
        } catch (RuntimeException e) {
            registry.close();
            throw e;
        }
        this.producer = new KafkaProducer<>(producerProperties(kafkaProperties), new ByteArraySerializer(),
                new ByteArraySerializer());
        this.lingerTimer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "meterline-producer-linger");
            t.setDaemon(true);
            return t;
        });
        long lingerMs = settings.linger().toMillis();
        lingerTimer.scheduleWithFixedDelay(this::sendBufferedQuietly, lingerMs, lingerMs, TimeUnit.MILLISECONDS);
    }

    /** Caller's properties first; then what the guarantees need (acks=all, idempotence), and batching defaults. */
    static Properties producerProperties(Properties kafkaProperties) {
        Properties props = new Properties();
        props.putAll(kafkaProperties);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, "5");
        props.putIfAbsent(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
        props.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        props.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "meterline-producer");
        return props;
    }

    /** Only what a consumer understands (connection and security settings), so nothing warns about unknown keys. */
    static Properties consumerProperties(Properties kafkaProperties) {
        Properties props = new Properties();
        kafkaProperties.forEach((k, v) -> {
            if (ConsumerConfig.configNames().contains(k.toString()) && !k.toString().contains("deserializer")) {
                props.put(k, v);
            }
        });
        return props;
    }

    // ----- definitions

    /**
     * Registers a metric and returns once the registry topic acknowledged it. Defining a metric
     * that already exists with the same type, label keys, states and buckets does nothing (so a
     * restarted service may define its metrics again); a different one throws.
     */
    public MetricDefinition define(MetricDefinition definition) {
        MetricDefinition checked = DefinitionJson.parse(DefinitionJson.toJson(definition), settings.clock());
        MetricDefinition existing = registry.findFresh(checked.name()).orElse(null);
        if (existing != null) {
            if (sameShape(existing, checked)) {
                return existing;
            }
            throw new InvalidInputException("Metric with the same name already exists: '" + existing.name()
                    + "' is a " + existing.type().wireName() + " with label keys " + existing.labelKeysText() + ".");
        }
        byte[] key = checked.name().getBytes(StandardCharsets.UTF_8);
        try {
            producer.send(new ProducerRecord<>(settings.registryTopic(), key, Json.MAPPER.writeValueAsBytes(
                    DefinitionJson.toJson(checked)))).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnavailableException("interrupted while defining '" + checked.name() + "'", e);
        } catch (Exception e) {
            throw new UnavailableException("Kafka did not acknowledge the definition of '" + checked.name() + "'", e);
        }
        // The write is acknowledged, so catching up with the topic brings it into the view.
        return registry.findFresh(checked.name()).orElseThrow(() ->
                new UnavailableException("the definition of '" + checked.name() + "' was written but not read back", null));
    }

    private static boolean sameShape(MetricDefinition a, MetricDefinition b) {
        return a.type() == b.type() && a.labelKeys().equals(b.labelKeys())
                && Objects.equals(a.states(), b.states()) && Objects.equals(a.buckets(), b.buckets());
    }

    // ----- points

    public void gauge(String metric, Map<String, String> labels, double value) {
        gauge(metric, labels, value, null);
    }

    /** A gauge value; {@code time} null means now (this client's clock). */
    public void gauge(String metric, Map<String, String> labels, double value, Instant time) {
        accept(new Point.Gauge(metric, labels(labels), at(time), value));
    }

    public void state(String metric, Map<String, String> labels, String state) {
        state(metric, labels, state, null);
    }

    public void state(String metric, Map<String, String> labels, String state, Instant time) {
        accept(new Point.EnumSample(metric, labels(labels), at(time), Objects.requireNonNull(state, "state")));
    }

    public void histogram(String metric, Map<String, String> labels, Map<Double, Long> buckets) {
        histogram(metric, labels, buckets, null, null);
    }

    public void histogram(String metric, Map<String, String> labels, Map<Double, Long> buckets, Double sum) {
        histogram(metric, labels, buckets, sum, null);
    }

    /**
     * Counts per bucket (not cumulative), keyed by upper bound ({@code Double.POSITIVE_INFINITY} for
     * +Inf); {@code sum} of the observations, or null.
     */
    public void histogram(String metric, Map<String, String> labels, Map<Double, Long> buckets, Double sum,
                          Instant time) {
        accept(new Point.Histogram(metric, labels(labels), at(time), new HistogramBuckets(buckets), sum));
    }

    private static Labels labels(Map<String, String> labels) {
        return labels == null ? Labels.EMPTY : Labels.of(labels);
    }

    /**
     * The client stamps points without a time: records carry many points, so the stream's fallback
     * (the record's time) would give them all one timestamp and dedup would keep only the last.
     */
    private Instant at(Instant time) {
        return time != null ? time : settings.clock().instant();
    }

    /** Validates with the stream's own parser (the same JSON it will read), then buffers. */
    private void accept(Point candidate) {
        MetricDefinition def = registry.findFresh(candidate.metric())
                .orElseThrow(() -> new UnknownMetricException(candidate.metric()));
        Point point = parser.parse(PointJson.toJson(candidate, false), def);
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("the MeterlineProducer is closed");
            }
            batcher.add(point).ifPresent(this::send);
            if (batcher.buffered() >= MAX_BUFFERED_POINTS) {
                batcher.drain().forEach(this::send);
            }
        }
    }

    // ----- sending

    /** Sends whatever is buffered and waits until Kafka acknowledged every point added before this call. */
    public void flush() {
        sendBuffered();
        producer.flush();
        Exception failure = firstFailure.getAndSet(null);
        if (failure != null) {
            throw new UnavailableException("Kafka did not acknowledge some points: " + failure.getMessage(), failure);
        }
    }

    /** Under the lock, so a later {@link KafkaProducer#flush()} covers every point drained before it. */
    private void sendBuffered() {
        synchronized (lock) {
            batcher.drain().forEach(this::send);
        }
    }

    private void sendBufferedQuietly() {
        try {
            sendBuffered();
        } catch (RuntimeException e) {
            firstFailure.compareAndSet(null, e);
        }
    }

    private void send(SeriesBatcher.SeriesBatch batch) {
        byte[] key = batch.key().getBytes(StandardCharsets.UTF_8);
        for (byte[] value : PointRecordValue.encodeInRecords(batch.points())) {
            producer.send(new ProducerRecord<>(settings.pointsTopic(), key, value), (metadata, error) -> {
                if (error != null) {
                    firstFailure.compareAndSet(null, error);
                }
            });
        }
    }

    /** The definitions this producer sees (the registry topic's view). */
    public List<MetricDefinition> definitions() {
        return registry.all();
    }

    /**
     * Refuses new points, sends what is buffered and waits for Kafka's acknowledgements; throws
     * when some were not acknowledged (after releasing everything).
     */
    @Override
    public void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
        }
        lingerTimer.shutdown();
        try {
            lingerTimer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            flush();
        } finally {
            producer.close(Duration.ofSeconds(30));
            registry.close();
        }
    }
}
