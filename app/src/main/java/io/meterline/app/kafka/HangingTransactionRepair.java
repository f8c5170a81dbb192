package io.meterline.app.kafka;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.AbortTransactionSpec;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.FinalizedVersionRange;
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
 * <p>Acts only when the coordinator's answer is certain, which needs transaction version 2 (the
 * default of a cluster formatted by Kafka 4): there the coordinator bumps the producer's epoch when
 * it ends a transaction, so a complete transaction at exactly the data's epoch plus one is the one
 * whose data is open. Any later transaction of the producer moves the epoch further, and then the
 * outcome is no longer known: logged and left alone (Kafka's {@code kafka-transactions.sh
 * find-hanging} shows the same). That is why the repair acts at first sight, and why it runs once
 * when the broker has started, before Meterline's own producers start again and move their
 * epochs. Acting at first sight is safe: if the coordinator's own marker lands meanwhile, it carries
 * the bumped epoch, and the broker refuses the repair's older one.
 */
public final class HangingTransactionRepair implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HangingTransactionRepair.class);
    static final Duration PERIOD = Duration.ofSeconds(5);
    private static final Duration STARTUP_WAIT = Duration.ofSeconds(10);

    /** A partition's open transaction, as the partition leader reports it. */
    record OpenTransaction(TopicPartition partition, long producerId, short epoch, int coordinatorEpoch,
                           long startOffset) {
    }

    enum Action { COMMIT, ABORT, WAIT, UNDECIDABLE }

    private final Admin admin;
    private final CommitMarkerWriter markers;
    private final ScheduledExecutorService timer;
    /** Open transactions already logged as undecidable (once each). */
    private final Set<OpenTransaction> reported = new HashSet<>();
    /** Those found undecidable at the last check: only one still there at the next is worth a warning. */
    private Set<OpenTransaction> undecidedBefore = Set.of();
    private Boolean transactionVersion2;

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
        repair.settleAfterStart(STARTUP_WAIT);
        repair.timer.scheduleWithFixedDelay(repair::checkQuietly, PERIOD.toMillis(), PERIOD.toMillis(),
                TimeUnit.MILLISECONDS);
        return repair;
    }

    /**
     * Checks until no transaction is left half-way through its markers (PrepareCommit or
     * PrepareAbort: the coordinator's marker sends after a restart are when markers get lost),
     * at most {@code limit}.
     */
    void settleAfterStart(Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        try {
            while (check() && System.nanoTime() < deadline) {
                Thread.sleep(250);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warn("the check for hanging transactions after the broker's start failed; it runs again in {}",
                    PERIOD, e);
        }
    }

    /**
     * What to do about an open transaction given the coordinator's view of its producer (null:
     * none), under transaction version 2.
     */
    static Action action(OpenTransaction open, TransactionDescription coordinator) {
        if (coordinator == null || coordinator.producerId() != open.producerId()) {
            return Action.UNDECIDABLE;
        }
        TransactionState state = coordinator.state();
        if (state != TransactionState.COMPLETE_COMMIT && state != TransactionState.COMPLETE_ABORT) {
            // ongoing or preparing: the coordinator is still at work and will write markers or time out
            return state == TransactionState.EMPTY ? Action.UNDECIDABLE : Action.WAIT;
        }
        if (coordinator.producerEpoch() != open.epoch() + 1) {
            return Action.UNDECIDABLE; // not the end of this transaction: a later one's, or the producer re-initialised
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

    /**
     * One check: finishes every open transaction whose coordinator has ended it. True while some
     * transaction is half-way through its markers.
     */
    boolean check() throws Exception {
        List<OpenTransaction> open = openTransactions();
        if (open.isEmpty()) {
            undecidedBefore = Set.of();
            return false;
        }
        if (!transactionVersion2()) {
            open.stream().filter(reported::add).forEach(t -> LOG.debug("open transaction {}: transaction version 1, "
                    + "whose epochs do not tell which transaction a coordinator state belongs to; not checked", t));
            return false;
        }
        Map<Long, TransactionDescription> coordinators = coordinatorViews(open);
        Set<OpenTransaction> undecided = new HashSet<>();
        boolean preparing = false;
        for (OpenTransaction t : open) {
            TransactionDescription coordinator = coordinators.get(t.producerId());
            Action action = action(t, coordinator);
            if (action == Action.COMMIT || action == Action.ABORT) {
                finish(t, action);
            } else if (action == Action.WAIT) {
                preparing |= coordinator.state() == TransactionState.PREPARE_COMMIT
                        || coordinator.state() == TransactionState.PREPARE_ABORT;
            } else if (!undecided.add(t) || !undecidedBefore.contains(t)) {
                continue; // the two looks (producers, then coordinator) can straddle a normal transaction's end
            } else if (reported.add(t)) {
                LOG.warn("{} holds producer {}'s transaction open from offset {}, and its coordinator's view ({}) "
                        + "does not tell its outcome: read_committed consumers wait there until the producer ends "
                        + "a later transaction on it. Inspect it with kafka-transactions.sh find-hanging",
                        t.partition(), t.producerId(), t.startOffset(), coordinator);
            }
        }
        undecidedBefore = undecided;
        return preparing;
    }

    private boolean transactionVersion2() throws Exception {
        if (transactionVersion2 == null) {
            FinalizedVersionRange version = admin.describeFeatures().featureMetadata().get(30, TimeUnit.SECONDS)
                    .finalizedFeatures().get("transaction.version");
            transactionVersion2 = version != null && version.maxVersionLevel() >= 2;
        }
        return transactionVersion2;
    }

    private void finish(OpenTransaction t, Action action) throws Exception {
        Errors error;
        if (action == Action.ABORT) {
            try {
                admin.abortTransaction(new AbortTransactionSpec(t.partition(), t.producerId(), t.epoch(),
                        t.coordinatorEpoch())).all().get(30, TimeUnit.SECONDS);
                error = Errors.NONE;
            } catch (ExecutionException e) {
                error = Errors.forException(e.getCause());
            }
        } else {
            error = markers.commit(t.producerId(), t.epoch(), t.coordinatorEpoch(), List.of(t.partition()))
                    .getOrDefault(t.partition(), Errors.UNKNOWN_SERVER_ERROR);
        }
        if (error == Errors.NONE) {
            LOG.warn("{} held producer {}'s transaction open from offset {} though its coordinator had ended it; "
                    + "wrote the missing {} marker (Kafka skipped it after a restart, see KAFKA-20734)",
                    t.partition(), t.producerId(), t.startOffset(), action);
        } else if (openTransactions().contains(t)) {
            LOG.error("could not write the missing {} marker of producer {} on {}: {}", action, t.producerId(),
                    t.partition(), error);
        } else {
            // the coordinator's own marker landed between the look and the repair: nothing was missing
            LOG.debug("{} of producer {} on {} refused ({}): the transaction had ended meanwhile", action,
                    t.producerId(), t.partition(), error);
        }
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
