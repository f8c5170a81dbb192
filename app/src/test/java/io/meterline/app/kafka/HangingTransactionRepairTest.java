package io.meterline.app.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.meterline.app.kafka.HangingTransactionRepair.Action;
import io.meterline.app.kafka.HangingTransactionRepair.OpenTransaction;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ProducerState;
import org.apache.kafka.clients.admin.TransactionDescription;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The repair decides only from a certain coordinator view, and its COMMIT marker, written to a real
 * broker, makes an open transaction's records readable to read_committed consumers.
 */
class HangingTransactionRepairTest {

    private static final TopicPartition TP = new TopicPartition("meterline.points", 3);
    private static final OpenTransaction OPEN = new OpenTransaction(TP, 42L, (short) 7, 3, 1_000L);

    private static TransactionDescription coordinator(TransactionState state, long producerId, int epoch) {
        return new TransactionDescription(1, state, producerId, epoch, 10_000, OptionalLong.empty(), Set.of());
    }

    @Test
    void followsTheCoordinatorsOutcomeOnlyWhenItIsThisTransactions() {
        // transaction version 2 bumps the epoch when a transaction ends: data at 7, its end at 8
        assertThat(HangingTransactionRepair.action(OPEN, coordinator(TransactionState.COMPLETE_COMMIT, 42, 8)))
                .isEqualTo(Action.COMMIT);
        assertThat(HangingTransactionRepair.action(OPEN, coordinator(TransactionState.COMPLETE_COMMIT, 42, 7)))
                .isEqualTo(Action.UNDECIDABLE);
        // re-initialised since (epoch 9): the outcome of the transaction at 7 is no longer known
        assertThat(HangingTransactionRepair.action(OPEN, coordinator(TransactionState.COMPLETE_COMMIT, 42, 9)))
                .isEqualTo(Action.UNDECIDABLE);
        assertThat(HangingTransactionRepair.action(OPEN, coordinator(TransactionState.COMPLETE_ABORT, 42, 8)))
                .isEqualTo(Action.ABORT);
        // a later transaction of the producer ended since: its outcome is not this one's
        assertThat(HangingTransactionRepair.action(OPEN, coordinator(TransactionState.COMPLETE_ABORT, 42, 10)))
                .isEqualTo(Action.UNDECIDABLE);
        // still at work: the coordinator writes the markers or times the transaction out itself
        for (TransactionState busy : List.of(TransactionState.ONGOING, TransactionState.PREPARE_COMMIT,
                TransactionState.PREPARE_ABORT)) {
            assertThat(HangingTransactionRepair.action(OPEN, coordinator(busy, 42, 7))).isEqualTo(Action.WAIT);
        }
        assertThat(HangingTransactionRepair.action(OPEN, coordinator(TransactionState.EMPTY, 42, 8)))
                .isEqualTo(Action.UNDECIDABLE);
        assertThat(HangingTransactionRepair.action(OPEN, null)).isEqualTo(Action.UNDECIDABLE);
        assertThat(HangingTransactionRepair.action(OPEN, coordinator(TransactionState.COMPLETE_COMMIT, 43, 8)))
                .isEqualTo(Action.UNDECIDABLE);
    }

    @Test
    @Timeout(120)
    void leavesAnOngoingTransactionAloneAndItsCommitMarkerOpensIt(@TempDir Path dataDir) throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dataDir);
             Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            String bootstrap = broker.bootstrapServers();
            admin.createTopics(List.of(new NewTopic("t", 1, (short) 1))).all().get();
            TopicPartition tp = new TopicPartition("t", 0);
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.TRANSACTIONAL_ID_CONFIG, "tx",
                    ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 60_000),
                    new StringSerializer(), new StringSerializer())) {
                producer.initTransactions();
                producer.beginTransaction();
                producer.send(new ProducerRecord<>("t", "k", "open")).get();

                // an ongoing transaction is the coordinator's business: two checks leave it open
                String[] hostPort = bootstrap.split(":");
                CommitMarkerWriter markers = new CommitMarkerWriter(
                        new InetSocketAddress(hostPort[0], Integer.parseInt(hostPort[1])));
                HangingTransactionRepair repair = new HangingTransactionRepair(admin, markers);
                assertThat(repair.check()).as("nothing half-way through its markers").isFalse();
                repair.check();
                assertThat(readCommitted(bootstrap, tp)).isEmpty();

                // the marker a lost coordinator commit would have written: the records become readable
                ProducerState open = admin.describeProducers(List.of(tp)).partitionResult(tp).get()
                        .activeProducers().get(0);
                assertThat(open.currentTransactionStartOffset()).isPresent();
                Map<TopicPartition, Errors> result = markers.commit(open.producerId(), (short) open.producerEpoch(),
                        open.coordinatorEpoch().orElse(-1), List.of(tp));
                assertThat(result).containsEntry(tp, Errors.NONE);
                assertThat(readCommitted(bootstrap, tp)).containsExactly("open");
                producer.abortTransaction(); // the coordinator's own abort comes too late to hide them
            }
            assertThat(readCommitted(bootstrap, tp)).containsExactly("open");
        }
    }

    /** Everything read_committed can read of the partition, within a few seconds. */
    private static List<String> readCommitted(String bootstrap, TopicPartition tp) {
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed"), new StringDeserializer(), new StringDeserializer())) {
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
            while (System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> values.add(r.value()));
            }
        }
        return values;
    }
}
