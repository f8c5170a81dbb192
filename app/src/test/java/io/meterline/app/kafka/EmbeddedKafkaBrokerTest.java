package io.meterline.app.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real broker in the test JVM. Every client call is bounded by a short timeout: on one node a
 * misconfigured internal topic makes transactions and group commits hang rather than fail.
 */
@Timeout(120)
class EmbeddedKafkaBrokerTest {

    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(20);

    @TempDir
    Path dataDir;

    @Test
    void keepsItsPortAndRecordsAcrossARestart() throws Exception {
        String bootstrap;
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dataDir)) {
            bootstrap = broker.bootstrapServers();
            assertThat(bootstrap).matches("127\\.0\\.0\\.1:\\d+");
            createTopic(bootstrap, "points");
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig(bootstrap))) {
                for (String value : List.of("a", "b", "c")) {
                    producer.send(new ProducerRecord<>("points", "k", value)).get();
                }
            }
            assertThat(readFromStart(bootstrap, "points", 3)).containsExactly("a", "b", "c");
        }

        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dataDir)) {
            assertThat(broker.bootstrapServers()).isEqualTo(bootstrap);
            assertThat(readFromStart(bootstrap, "points", 3)).containsExactly("a", "b", "c");
            assertThat(broker.fault()).isEmpty();
        }
    }

    @Test
    void transactionsAndConsumerGroupCommitsComplete() throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dataDir)) {
            String bootstrap = broker.bootstrapServers();
            createTopic(bootstrap, "rollups");

            Map<String, Object> txConfig = producerConfig(bootstrap);
            txConfig.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "meterline-test-tx");
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(txConfig)) {
                producer.initTransactions(); // needs __transaction_state
                producer.beginTransaction();
                producer.send(new ProducerRecord<>("rollups", "k", "x"));
                producer.send(new ProducerRecord<>("rollups", "k", "y"));
                producer.commitTransaction();
            }

            Map<String, Object> groupConfig = consumerConfig(bootstrap);
            groupConfig.put(ConsumerConfig.GROUP_ID_CONFIG, "meterline-test-group"); // needs __consumer_offsets
            groupConfig.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
            List<String> values = new ArrayList<>();
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(groupConfig)) {
                consumer.subscribe(List.of("rollups"));
                pollUntil(consumer, values, 2);
                consumer.commitSync(CLIENT_TIMEOUT);
            }
            assertThat(values).containsExactly("x", "y");

            try (Admin admin = Admin.create(adminConfig(bootstrap))) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin
                        .listConsumerGroupOffsets("meterline-test-group").partitionsToOffsetAndMetadata().get();
                // two records and the transaction's commit marker
                assertThat(committed.get(new TopicPartition("rollups", 0)).offset()).isEqualTo(3);
            }
        }
    }

    @Test
    void refusesToStartWhenItsSavedPortIsTaken() throws Exception {
        try (ServerSocket squatter = new ServerSocket()) {
            squatter.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
            int taken = squatter.getLocalPort();
            Path portsFile = dataDir.resolve("ports.properties");
            new BrokerPorts(taken, taken == 65535 ? 65534 : taken + 1).save(portsFile);

            assertThatThrownBy(() -> EmbeddedKafkaBroker.start(dataDir))
                    .isInstanceOf(KafkaBrokerException.class)
                    .hasMessageContaining("port=" + taken)
                    .hasMessageContaining("file=" + portsFile);
        }
    }

    private static void createTopic(String bootstrap, String topic) throws Exception {
        try (Admin admin = Admin.create(adminConfig(bootstrap))) {
            admin.createTopics(Set.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
    }

    private static List<String> readFromStart(String bootstrap, String topic, int expected) {
        TopicPartition partition = new TopicPartition(topic, 0);
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerConfig(bootstrap))) {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            pollUntil(consumer, values, expected);
        }
        return values;
    }

    private static void pollUntil(KafkaConsumer<String, String> consumer, List<String> values, int expected) {
        long deadline = System.nanoTime() + CLIENT_TIMEOUT.toNanos();
        while (values.size() < expected && System.nanoTime() < deadline) {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                values.add(record.value());
            }
        }
    }

    private static Map<String, Object> producerConfig(String bootstrap) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) CLIENT_TIMEOUT.toMillis());
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) CLIENT_TIMEOUT.toMillis());
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        return config;
    }

    private static Map<String, Object> consumerConfig(String bootstrap) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) CLIENT_TIMEOUT.toMillis());
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        return config;
    }

    private static Map<String, Object> adminConfig(String bootstrap) {
        return Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) CLIENT_TIMEOUT.toMillis(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
    }
}
