package io.meterline.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.meterline.app.kafka.EmbeddedKafkaBroker;
import io.meterline.core.ComponentHealth;
import io.meterline.core.Limits;
import io.meterline.core.MetricDefinition;
import io.meterline.core.MetricRegistry;
import io.meterline.core.MetricType;
import io.meterline.core.Point;
import io.meterline.core.PointParser;
import io.meterline.core.storage.MetricReader;
import io.meterline.core.storage.MetricStore;
import io.meterline.core.storage.PointWriter;
import io.meterline.ingest.MetricsTopology;
import io.meterline.ingest.TopicSetup;
import io.meterline.ingest.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pins the one ordering the no-loss guarantee rests on, against the Kafka Streams version in use:
 * the stream's offsets are committed only after storage (raw points and their rollups) has
 * committed everything those offsets cover. Were it the other way round, a kill -9 between the
 * two would skip points on restart. The store below makes its rollup commit slow, so an offset
 * committed too early is seen by the group-offset poll in the test thread.
 */
class StreamCommitOrderIT {

    private static final String GROUP = "commit-order";
    private static final MetricDefinition CPU = new MetricDefinition("cpu", MetricType.GAUGE, List.of(),
            Instant.EPOCH, "", "", null, null);

    @TempDir
    Path dir;

    /** Points written before the last rollup commit returned: what a committed offset may cover. */
    private final AtomicLong coveredByRollups = new AtomicLong();
    private final AtomicLong written = new AtomicLong();

    @Test
    void offsetsAreCommittedOnlyAfterTheStorageCommitThatCoversThem() throws Exception {
        Topics topics = Topics.named("commit-order.points", 1, (short) 1);
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"))) {
            Properties client = new Properties();
            client.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
            try (Admin admin = Admin.create(client);
                 KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(client, new ByteArraySerializer(),
                         new ByteArraySerializer())) {
                TopicSetup.ensure(admin, topics);
                PointParser parser = new PointParser(Limits.DEFAULTS, Clock.systemUTC());
                Properties props = MetricsTopology.properties(client, GROUP, dir.resolve("streams"), topics, 1);
                try (KafkaStreams streams = new KafkaStreams(
                        MetricsTopology.build(topics, registry(), parser, slowRollupStore(), new SimpleMeterRegistry()),
                        props)) {
                    streams.start();
                    List<String> violations = new ArrayList<>();
                    long sent = 0;
                    long deadline = System.nanoTime() + Duration.ofSeconds(12).toNanos();
                    long observations = 0;
                    while (System.nanoTime() < deadline) {
                        long ts = Instant.now().toEpochMilli();
                        String json = "{\"metric\":\"cpu\",\"labels\":{},\"value\":" + sent + ",\"timestamp\":" + ts + "}";
                        producer.send(new ProducerRecord<>(topics.points(), json.getBytes(StandardCharsets.UTF_8)));
                        sent++;
                        long committed = committedOffset(admin, topics);
                        long covered = coveredByRollups.get(); // read after: it only grows
                        observations++;
                        if (committed > covered) {
                            violations.add("offset " + committed + " committed, rollups cover " + covered);
                        }
                        Thread.sleep(20);
                    }
                    producer.flush();
                    long total = sent;
                    Await.until(() -> written.get() == total
                            && committedOffset(admin, topics) == total);
                    assertThat(violations).as("%d observations", observations).isEmpty();
                    assertThat(committedOffset(admin, topics)).isGreaterThan(0);
                }
            }
        }
    }

    private static long committedOffset(Admin admin, Topics topics) {
        try {
            var offsets = admin.listConsumerGroupOffsets(GROUP).partitionsToOffsetAndMetadata().get();
            return offsets.values().stream().filter(o -> o != null).mapToLong(OffsetAndMetadata::offset).sum();
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the group's offsets", e);
        }
    }

    private static MetricRegistry registry() {
        return MetricRegistry.of(CPU);
    }

    /** Counts points (one per record here); a rollup commit takes 300 ms, then covers what was written. */
    private MetricStore slowRollupStore() {
        return new MetricStore() {
            @Override
            public PointWriter openWriter() {
                return new PointWriter() {
                    private long pending;

                    @Override
                    public void write(Point point) {
                        pending++;
                    }

                    @Override
                    public void commit() {
                        written.addAndGet(pending);
                        pending = 0;
                    }

                    @Override
                    public void commitRollups() {
                        long upTo = written.get();
                        if (upTo > coveredByRollups.get()) {
                            sleep();
                            coveredByRollups.set(upTo);
                        }
                    }

                    @Override
                    public void rollback() {
                        pending = 0;
                    }

                    @Override
                    public void close() {
                    }
                };
            }

            @Override
            public MetricReader reader() {
                throw new UnsupportedOperationException("not read in this test");
            }

            @Override
            public ComponentHealth check() {
                return ComponentHealth.up("counting");
            }

            @Override
            public void close() {
            }
        };
    }

    private static void sleep() {
        try {
            Thread.sleep(300);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
