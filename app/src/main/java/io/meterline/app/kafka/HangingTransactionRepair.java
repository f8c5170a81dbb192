package io.meterline.app.kafka;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.AbortTransactionSpec;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.ProducerState;
import org.apache.kafka.clients.admin.TransactionDescription;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.protocol.Errors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finishes transactions that a partition of the embedded broker holds open though their
 * coordinator has already finished them. Such a transaction blocks every read_committed consumer
 * of the partition at its first offset for good: the stream stops there, and every later point of
 * the partition, acknowledged or not, waits behind it.
 *
 * <p>Why it happens (measured in CrashRecoveryIT, about one kill -9 in five): after a crash the
 * restarted coordinator finds a transaction in PrepareCommit and sends its markers, which fail
 * while the broker's own listener is still closed. A retry that falls in the moment the new
 * incarnation fences the old one finds no partition leader, and Kafka 4.1 and later take a missing
 * leader for a deleted topic: they skip the markers and record the transaction as complete
 * (KRaftMetadataCache#getPartitionLeaderEndpoint returns empty, not Node.noNode; KAFKA-20734, open
 * in 4.3.1 and 4.4.0). The commit was acknowledged, so aborting would lose data: the fix is to write
 * the marker the coordinator decided. Admin can only abort, so commits go through
 * {@link CommitMarkerWriter}.
 *
 * <p>Acts only when the coordinator's answer is certain: its transaction for that producer is
 * complete and its epoch is the data's (transaction version 1) or one more (version 2, which bumps
 * the epoch at the end of each transaction), and the same open transaction was seen at two checks
 * in a row. Anything else is logged and left alone (Kafka's {@code kafka-transactions.sh find-hanging}
 * shows the same).
 */
public final class HangingTransactionRepair implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HangingTransactionRepair.class);
    static final Duration PERIOD = Duration.ofSeconds(5);

    /** A partition's open transaction, as the partition leader reports it. */
    record OpenTransaction(TopicPartition partition, long producerId, short epoch, int coordinatorEpoch,
                           long startOffset) {
    }

    enum Action { COMMIT, ABORT, WAIT, UNDECIDABLE }

    private final Admin admin;
    private final CommitMarkerWriter markers;
    private final ScheduledExecutorService timer;
    /** The open transactions of the last check. */
    private Set<OpenTransaction> previouslyOpen = Set.of();
    /** Hanging transactions already logged as undecidable (once each). */
    private final Set<OpenTransaction> reported = new HashSet<>();

    HangingTransactionRepair(Admin admin, CommitMarkerWriter markers) {
        this.admin = admin;
        this.markers = markers;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "meterline-transaction-repair");
            t.setDaemon(true);
            return t;
        });
    }

    /** Checks the broker at {@code host:port} every {@link #PERIOD}, from now until closed. */
    public static HangingTransactionRepair start(String bootstrapServer) {
        String[] hostPort = bootstrapServer.split(":");
        HangingTransactionRepair repair = new HangingTransactionRepair(
                Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServer,
                        AdminClientConfig.CLIENT_ID_CONFIG, "meterline-transaction-repair")),
                new CommitMarkerWriter(new InetSocketAddress(hostPort[0], Integer.parseInt(hostPort[1]))));
        repair.timer.scheduleWithFixedDelay(repair::checkQuietly, PERIOD.toMillis(), PERIOD.toMillis(),
                TimeUnit.MILLISECONDS);
        return repair;
    }

    /** What to do about an open transaction given the coordinator's view of its producer (null: none). */
    static Action action(OpenTransaction open, TransactionDescription coordinator) {
        if (coordinator == null || coordinator.producerId() != open.producerId()) {
            return Action.UNDECIDABLE;
        }
        TransactionState state = coordinator.state();
        if (state != TransactionState.COMPLETE_COMMIT && state != TransactionState.COMPLETE_ABORT) {
            // ongoing or preparing: the coordinator is still at work and will write markers or time out
            return state == TransactionState.EMPTY ? Action.UNDECIDABLE : Action.WAIT;
        }
        int bump = coordinator.producerEpoch() - open.epoch();
        if (bump != 0 && bump != 1) {
            return Action.UNDECIDABLE; // a later transaction of this producer ended since: not this one's outcome
        }
        return state == TransactionState.COMPLETE_COMMIT ? Action.COMMIT : Action.ABORT;
    }

    private void checkQuietly() {
        try {
            check();
        } catch (Exception e) {
            LOG.debug("the check for hanging transactions failed; trying again in {}", PERIOD, e);
        }
    }

    /** One check: finishes what was found hanging, the same, at this check and the one before. */
    void check() throws Exception {
        List<OpenTransaction> open = openTransactions();
        Map<Long, TransactionDescription> coordinators = open.isEmpty() ? Map.of() : coordinatorViews(open);
        for (OpenTransaction t : open) {
            if (!previouslyOpen.contains(t)) {
                continue; // a transaction open at one look is normal: act only on one that stays
            }
            Action action = action(t, coordinators.get(t.producerId()));
            if (action == Action.COMMIT || action == Action.ABORT) {
                finish(t, action);
            } else if (action == Action.UNDECIDABLE && reported.add(t)) {
                LOG.warn("{} holds producer {}'s transaction open from offset {}, and its coordinator's view ({}) "
                        + "does not tell its outcome: read_committed consumers wait there. Inspect it with "
                        + "kafka-transactions.sh find-hanging", t.partition(), t.producerId(), t.startOffset(),
                        coordinators.get(t.producerId()));
            }
        }
        previouslyOpen = Set.copyOf(open);
    }

    private void finish(OpenTransaction t, Action action) throws Exception {
        if (action == Action.ABORT) {
            admin.abortTransaction(new AbortTransactionSpec(t.partition(), t.producerId(), t.epoch(),
                    t.coordinatorEpoch())).all().get(30, TimeUnit.SECONDS);
        } else {
            Errors error = markers.commit(t.producerId(), t.epoch(), t.coordinatorEpoch(), List.of(t.partition()))
                    .getOrDefault(t.partition(), Errors.UNKNOWN_SERVER_ERROR);
            if (error != Errors.NONE) {
                LOG.error("could not write the missing COMMIT marker of producer {} on {}: {}", t.producerId(),
                        t.partition(), error);
                return;
            }
        }
        LOG.warn("{} held producer {}'s transaction open from offset {} though its coordinator had ended it; "
                + "wrote the missing {} marker (Kafka skipped it after a restart, see KAFKA-20734)",
                t.partition(), t.producerId(), t.startOffset(), action);
    }

    private List<OpenTransaction> openTransactions() throws Exception {
        Set<String> topics = admin.listTopics(new ListTopicsOptions().listInternal(true)).names()
                .get(30, TimeUnit.SECONDS);
        List<TopicPartition> partitions = new ArrayList<>();
        admin.describeTopics(topics).allTopicNames().get(30, TimeUnit.SECONDS).forEach((name, d) ->
                d.partitions().forEach(p -> partitions.add(new TopicPartition(name, p.partition()))));
        List<OpenTransaction> open = new ArrayList<>();
        admin.describeProducers(partitions).all().get(30, TimeUnit.SECONDS).forEach((tp, producers) -> {
            for (ProducerState p : producers.activeProducers()) {
                if (p.currentTransactionStartOffset().isPresent()) {
                    open.add(new OpenTransaction(tp, p.producerId(), (short) p.producerEpoch(),
                            p.coordinatorEpoch().orElse(-1), p.currentTransactionStartOffset().getAsLong()));
                }
            }
        });
        return open;
    }

    /** The coordinator's transaction per producer id, for the producers with open transactions. */
    private Map<Long, TransactionDescription> coordinatorViews(List<OpenTransaction> open) throws Exception {
        Set<Long> producerIds = new HashSet<>();
        open.forEach(t -> producerIds.add(t.producerId()));
        List<String> ids = new ArrayList<>();
        for (TransactionListing listing : admin.listTransactions().all().get(30, TimeUnit.SECONDS)) {
            if (producerIds.contains(listing.producerId())) {
                ids.add(listing.transactionalId());
            }
        }
        Map<Long, TransactionDescription> views = new HashMap<>();
        if (!ids.isEmpty()) {
            admin.describeTransactions(ids).all().get(30, TimeUnit.SECONDS).values()
                    .forEach(d -> views.put(d.producerId(), d));
        }
        return views;
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        admin.close(Duration.ofSeconds(5));
    }
}
