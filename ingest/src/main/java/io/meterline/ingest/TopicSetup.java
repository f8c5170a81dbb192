package io.meterline.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Creates Meterline's topics when absent and checks the ones that exist: a registry topic that
 * isn't compacted would lose definitions to retention, so that is an error at start.
 */
public final class TopicSetup {

    private TopicSetup() {
    }

    public static void ensure(Admin admin, Topics topics) {
        try {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            if (!existing.contains(topics.points())) {
                missing.add(new NewTopic(topics.points(), topics.partitions(), topics.replication())
                        .configs(Map.of(TopicConfig.COMPRESSION_TYPE_CONFIG, "producer")));
            }
            if (!existing.contains(topics.deadLetters())) {
                missing.add(new NewTopic(topics.deadLetters(), 1, topics.replication()));
            }
            if (!existing.contains(topics.metrics())) {
                missing.add(new NewTopic(topics.metrics(), 1, topics.replication())
                        .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)));
            }
            for (var created : admin.createTopics(missing).values().entrySet()) {
                try {
                    created.getValue().get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    // several instances starting at once race to create the topics: the loser finds them made
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
            checkCompacted(admin, topics.metrics());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not create or check Kafka topics [" + topics + "]: " + e.getMessage(), e);
        }
    }

    private static void checkCompacted(Admin admin, String topic) throws ExecutionException, InterruptedException,
            TimeoutException {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        Config config = describeWhenKnown(admin, resource);
        String policy = config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value();
        if (!policy.contains(TopicConfig.CLEANUP_POLICY_COMPACT)) {
            throw new IllegalStateException("the registry topic '" + topic + "' must be compacted (cleanup.policy=compact) "
                    + "but has cleanup.policy=" + policy + ": definitions would be deleted by retention. "
                    + "Fix it with kafka-configs --alter --add-config cleanup.policy=compact.");
        }
    }

    /**
     * A topic created a moment ago may not be in the metadata of the broker that answers yet
     * (seen on CI: UnknownTopicOrPartition right after createTopics returned): ask again for a while.
     */
    private static Config describeWhenKnown(Admin admin, ConfigResource resource) throws ExecutionException,
            InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                return admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }
}
