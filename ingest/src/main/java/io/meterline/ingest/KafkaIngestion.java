package io.meterline.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.meterline.core.DefinitionJson;
import io.meterline.core.Ingestion;
import io.meterline.core.Json;
import io.meterline.core.MetricDefinition;
import io.meterline.core.Point;
import io.meterline.core.PointText;
import io.meterline.core.UnavailableException;
import io.meterline.ingest.client.PointRecordValue;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Ingestion through Kafka: a request's points are grouped by series, one record per series (an
 * array when it holds several points; a long series is split into records of bounded size, see
 * {@link PointRecordValue#encodeInRecords}), all in one transaction. Returns once Kafka acknowledged
 * (acks=all), or throws {@link UnavailableException} within a few seconds.
 */
public final class KafkaIngestion implements Ingestion, AutoCloseable {

    private final TransactionalProducerPool producers;
    private final RegistryTopicView registry;
    private final Topics topics;

    public KafkaIngestion(Properties clientProperties, String instanceId, int producerCount,
                          RegistryTopicView registry, Topics topics) {
        this(new TransactionalProducerPool(producerCount,
                TransactionalProducerPool.kafkaFactory(clientProperties, "meterline-ingest-" + instanceId),
                Duration.ofSeconds(3)), registry, topics);
    }

    KafkaIngestion(TransactionalProducerPool producers, RegistryTopicView registry, Topics topics) {
        this.producers = producers;
        this.registry = registry;
        this.topics = topics;
    }

    @Override
    public synchronized void define(MetricDefinition definition) {
        if (registry.findFresh(definition.name()).isPresent()) {
            throw new AlreadyExistsException(definition.name());
        }
        byte[] key = definition.name().getBytes(StandardCharsets.UTF_8);
        byte[] value = bytes(DefinitionJson.toJson(definition));
        send(List.of(new ProducerRecord<>(topics.metrics(), key, value)));
        registry.put(definition);
    }

    @Override
    public String publish(List<Point> points) {
        return publish(points, null);
    }

    @Override
    public String publish(List<Point> points, List<PointText> texts) {
        Map<String, SeriesPoints> bySeries = new LinkedHashMap<>();
        SeriesPoints run = null;
        Point runStart = null;
        for (int i = 0; i < points.size(); i++) {
            Point p = points.get(i);
            // a series' points mostly come one after another, sharing one Labels (the readers keep the
            // last): its key text is made and looked up once per run of them, not per point (a tenth
            // of the HTTP threads' samples were that)
            if (run == null || p.labels() != runStart.labels() || !p.metric().equals(runStart.metric())) {
                run = bySeries.computeIfAbsent(p.seriesKey().text(), k -> new SeriesPoints());
                runStart = p;
            }
            run.add(p, texts == null ? null : texts.get(i));
        }
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>(bySeries.size());
        bySeries.forEach((series, group) -> {
            byte[] key = series.getBytes(StandardCharsets.UTF_8);
            for (byte[] value : PointRecordValue.encodeInRecords(group.points, group.texts)) {
                records.add(new ProducerRecord<>(topics.points(), key, value));
            }
        });
        RecordMetadata first = send(records);
        return first.partition() + "-" + first.offset();
    }

    /** One series' points of a request, with their texts where they have them. */
    private static final class SeriesPoints {
        final List<Point> points = new ArrayList<>(1);
        final List<PointText> texts = new ArrayList<>(1);

        void add(Point point, PointText text) {
            points.add(point);
            texts.add(text);
        }
    }

    private RecordMetadata send(List<ProducerRecord<byte[], byte[]>> records) {
        try {
            return producers.inTransaction(producer -> sendAll(producer, records));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnavailableException("interrupted while writing to Kafka", e);
        } catch (Exception e) {
            throw new UnavailableException("Kafka did not acknowledge the write in time; nothing was written, retry later.", e);
        }
    }

    private static RecordMetadata sendAll(Producer<byte[], byte[]> producer,
                                          List<ProducerRecord<byte[], byte[]>> records) throws Exception {
        List<Future<RecordMetadata>> sent = new ArrayList<>(records.size());
        for (ProducerRecord<byte[], byte[]> r : records) {
            sent.add(producer.send(r));
        }
        producer.flush();
        RecordMetadata first = null;
        for (Future<RecordMetadata> f : sent) {
            RecordMetadata m = f.get(5, TimeUnit.SECONDS);
            first = first == null ? m : first;
        }
        return first;
    }

    private static byte[] bytes(Object json) {
        try {
            return Json.MAPPER.writeValueAsBytes(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a point could not be written as JSON", e);
        }
    }

    @Override
    public void close() {
        producers.close();
    }
}
