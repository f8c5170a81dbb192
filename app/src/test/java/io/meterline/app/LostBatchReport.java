package io.meterline.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.meterline.core.Json;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * When a load test finds an acknowledged batch short: where its points are. For each short batch,
 * the records that carry its points on the points topic (read uncommitted and read committed) and
 * on the dead-letter topic, and how far the stream's consumer group has committed. Tells "never
 * reached Kafka" from "in Kafka, not readable" from "dead-lettered" from "read, not stored".
 */
final class LostBatchReport {

    private LostBatchReport() {
    }

    static String describe(String bootstrap, String metric, Set<Long> shortBatches) {
        StringBuilder out = new StringBuilder("\n--- where the points of short batches " + shortBatches + " are\n");
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            for (String topic : List.of("meterline.points", "meterline.points.dlq")) {
                for (String isolation : List.of("read_uncommitted", "read_committed")) {
                    out.append(topic).append(" (").append(isolation).append("): ")
                            .append(recordsOf(bootstrap, topic, isolation, metric, shortBatches)).append('\n');
                }
            }
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets("meterline")
                    .partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, OffsetSpec> ends = new TreeMap<>(java.util.Comparator.comparing(TopicPartition::toString));
            committed.keySet().forEach(tp -> ends.put(tp, OffsetSpec.latest()));
            var latest = admin.listOffsets(ends).all().get();
            committed.forEach((tp, o) -> out.append("group meterline committed ").append(tp).append(" at ")
                    .append(o == null ? "-" : o.offset()).append(", end ").append(latest.get(tp).offset()).append('\n'));
            transactions(admin, committed.keySet(), out);
        } catch (Exception e) {
            out.append("(diagnosis failed: ").append(e).append(")\n");
        }
        return out.toString();
    }

    /** Transactions not complete, and the producers whose open transaction holds a partition's stable offset. */
    private static void transactions(Admin admin, Set<TopicPartition> partitions, StringBuilder out) throws Exception {
        List<String> unfinished = new ArrayList<>();
        for (TransactionListing t : admin.listTransactions().all().get()) {
            out.append("transaction ").append(t.transactionalId()).append(" producer ").append(t.producerId())
                    .append(' ').append(t.state()).append('\n');
            if (t.state() != TransactionState.COMPLETE_COMMIT && t.state() != TransactionState.COMPLETE_ABORT
                    && t.state() != TransactionState.EMPTY) {
                unfinished.add(t.transactionalId());
            }
        }
        if (!unfinished.isEmpty()) {
            admin.describeTransactions(unfinished).all().get().forEach((id, d) -> out.append("  ").append(id)
                    .append(": ").append(d).append('\n'));
        }
        admin.describeProducers(partitions).all().get().forEach((tp, producers) -> producers.activeProducers().stream()
                .filter(p -> p.currentTransactionStartOffset().isPresent())
                .forEach(p -> out.append("  ").append(tp).append(" open transaction of producer ").append(p.producerId())
                        .append(" epoch ").append(p.producerEpoch()).append(" from offset ")
                        .append(p.currentTransactionStartOffset().getAsLong()).append('\n')));
    }

    /** Per short batch: "partition@offset:points-of-that-batch" for every record holding some. */
    private static Map<Long, List<String>> recordsOf(String bootstrap, String topic, String isolation, String metric,
                                                     Set<Long> batches) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        Map<Long, List<String>> found = new TreeMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))
                    && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    countBatchPoints(r, metric, batches, found);
                }
            }
            for (TopicPartition tp : partitions) {
                if (consumer.position(tp) < ends.get(tp)) {
                    found.computeIfAbsent(-1L, k -> new ArrayList<>())
                            .add(tp + " readable only to " + consumer.position(tp) + " of " + ends.get(tp));
                }
            }
        }
        return found;
    }

    private static void countBatchPoints(ConsumerRecord<byte[], byte[]> r, String metric, Set<Long> batches,
                                         Map<Long, List<String>> found) {
        JsonNode value;
        try {
            value = Json.MAPPER.readTree(r.value());
        } catch (IOException notJson) {
            return;
        }
        Map<Long, Integer> perBatch = new TreeMap<>();
        for (JsonNode p : value.isArray() ? value : List.of(value)) {
            if (metric.equals(p.path("metric").asText()) && batches.contains(p.path("value").asLong())) {
                perBatch.merge(p.path("value").asLong(), 1, Integer::sum);
            }
        }
        perBatch.forEach((batch, n) -> found.computeIfAbsent(batch, k -> new ArrayList<>())
                .add(r.partition() + "@" + r.offset() + ":" + n));
    }
}
