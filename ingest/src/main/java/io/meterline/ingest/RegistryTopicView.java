package io.meterline.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.meterline.core.DefinitionJson;
import io.meterline.core.Json;
import io.meterline.core.MetricDefinition;
import io.meterline.core.MetricRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This instance's view of the compacted registry topic: read from the beginning at start, then
 * followed. Every instance keeps one, so any instance can validate any metric.
 */
public final class RegistryTopicView implements MetricRegistry, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RegistryTopicView.class);
    private static final Duration POLL = Duration.ofMillis(100);

    private final Map<String, MetricDefinition> definitions = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<CountDownLatch> catchUpRequests = new ConcurrentLinkedQueue<>();
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final String topic;
    private final Clock clock;
    private final Thread follower;
    private volatile boolean running = true;
    /** Set once the follower polls in its loop: only then may a catch-up request wake it. */
    private volatile boolean following;
    /** When the last completed catch-up took its end offsets. */
    private volatile Instant lastCatchUpStart = Instant.MIN;

    public RegistryTopicView(Properties kafkaClientProperties, String topic, Clock clock) {
        Properties props = new Properties();
        props.putAll(kafkaClientProperties);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "meterline-registry-view");
        this.consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.topic = topic;
        this.clock = clock;
        this.follower = new Thread(this::follow, "meterline-registry-view");
        this.follower.setDaemon(true);
    }

    /** Starts following and returns once every definition written so far is in the view. */
    public void start(Duration timeout) {
        follower.start();
        if (!awaitCaughtUp(timeout)) {
            throw new IllegalStateException("the registry topic '" + topic + "' could not be read within " + timeout);
        }
    }

    @Override
    public Optional<MetricDefinition> find(String name) {
        return Optional.ofNullable(definitions.get(name));
    }

    @Override
    public Optional<MetricDefinition> findFresh(String name) {
        Optional<MetricDefinition> known = find(name);
        if (known.isPresent()) {
            return known;
        }
        awaitCaughtUp(Duration.ofSeconds(5));
        return find(name);
    }

    @Override
    public Optional<MetricDefinition> findFresh(String name, Instant writtenAt) {
        Optional<MetricDefinition> known = find(name);
        if (known.isPresent() || !lastCatchUpStart.isBefore(writtenAt)) {
            return known;
        }
        return findFresh(name);
    }

    @Override
    public List<MetricDefinition> all() {
        List<MetricDefinition> all = new ArrayList<>(definitions.values());
        all.sort(Comparator.comparing(MetricDefinition::name));
        return all;
    }

    /** Adds a definition this instance has just written (acknowledged), before it reads it back. */
    void put(MetricDefinition definition) {
        definitions.put(definition.name(), definition);
    }

    boolean awaitCaughtUp(Duration timeout) {
        CountDownLatch done = new CountDownLatch(1);
        catchUpRequests.add(done);
        if (following) {
            consumer.wakeup(); // don't wait out the follower's poll
        }
        try {
            return done.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void follow() {
        try {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            following = true;
            while (running) {
                try {
                    consumer.poll(POLL).forEach(this::apply);
                } catch (WakeupException catchUpAsked) {
                    // handled just below
                }
                if (!catchUpRequests.isEmpty()) {
                    catchUp(partitions);
                }
            }
        } catch (RuntimeException e) {
            if (running) {
                LOG.error("the registry view stopped following '{}'", topic, e);
            }
        } finally {
            consumer.close(Duration.ofSeconds(1));
        }
    }

    /** Reads up to the end offsets taken now, then releases everyone who asked before. */
    private void catchUp(List<TopicPartition> partitions) {
        List<CountDownLatch> waiting = new ArrayList<>();
        for (CountDownLatch l; (l = catchUpRequests.poll()) != null; ) {
            waiting.add(l);
        }
        try {
            Instant started = clock.instant();
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(10));
            while (running && ends.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
                consumer.poll(POLL).forEach(this::apply);
            }
            lastCatchUpStart = started;
            waiting.forEach(CountDownLatch::countDown);
        } catch (WakeupException anotherRequest) {
            catchUpRequests.addAll(waiting); // served by the next round, which starts at once
        } catch (TimeoutException brokerAway) {
            // Kafka is unreachable (an outage, a restart): keep following, or this instance would never
            // see another instance's definitions again; the waiters are served by a later round, or give up
            // at their own timeout
            catchUpRequests.addAll(waiting);
            LOG.warn("the registry view could not reach '{}' to catch up ({}); retrying", topic, brokerAway.getMessage());
        }
    }

    private void apply(ConsumerRecord<byte[], byte[]> record) {
        try {
            if (record.value() == null) {
                definitions.remove(new String(record.key(), java.nio.charset.StandardCharsets.UTF_8));
                return;
            }
            JsonNode node = Json.MAPPER.readTree(record.value());
            MetricDefinition def = DefinitionJson.parse(node, clock);
            definitions.put(def.name(), def);
        } catch (java.io.IOException | RuntimeException e) {
            LOG.warn("skipping an unreadable registry record at {}-{}@{}: {}", record.topic(), record.partition(),
                    record.offset(), e.getMessage());
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            follower.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
