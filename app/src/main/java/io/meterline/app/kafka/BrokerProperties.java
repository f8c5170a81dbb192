package io.meterline.app.kafka;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/**
 * The {@code server.properties} of a one-node KRaft cluster: a single process that is both broker and
 * controller, listening on loopback only.
 */
final class BrokerProperties {

    static final int NODE_ID = 1;

    private BrokerProperties() {
    }

    static Properties forSingleNode(BrokerPorts ports, Path logDir, Map<String, String> overrides) {
        String host = BrokerPorts.LOOPBACK;
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", Integer.toString(NODE_ID));
        p.setProperty("controller.quorum.bootstrap.servers", host + ":" + ports.controller());
        p.setProperty("listeners", "PLAINTEXT://" + host + ":" + ports.broker() + ",CONTROLLER://" + host + ":" + ports.controller());
        p.setProperty("advertised.listeners", "PLAINTEXT://" + host + ":" + ports.broker());
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.setProperty("log.dirs", logDir.toAbsolutePath().toString());

        // Internal topics default to replication 3; on one node group and transaction coordination
        // then hang without an error reaching the client. One partition each: a single broker gains
        // nothing from 50 and the first group join or transaction would wait for all of them.
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("offsets.topic.num.partitions", "1");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("transaction.state.log.num.partitions", "1");
        p.setProperty("share.coordinator.state.topic.replication.factor", "1");
        p.setProperty("share.coordinator.state.topic.min.isr", "1");
        p.setProperty("share.coordinator.state.topic.num.partitions", "1");

        // Topics: the app creates its own, with their own retention; these apply to anything else.
        p.setProperty("auto.create.topics.enable", "false");
        p.setProperty("num.partitions", "1");
        p.setProperty("default.replication.factor", "1");
        p.setProperty("min.insync.replicas", "1");
        p.setProperty("log.retention.hours", "168");
        p.setProperty("log.segment.bytes", Integer.toString(128 * 1024 * 1024));
        // log.flush.* stay at Kafka's defaults (never fsync; the OS flushes). With one replica,
        // acks=all means "in the page cache": it survives a JVM crash, not an OS crash or power loss.
        // Set log.flush.interval.messages=1 through the overrides if that matters more than throughput.

        p.setProperty("group.initial.rebalance.delay.ms", "0");
        // Sized for a small shared machine; Kafka's defaults assume a dedicated server.
        p.setProperty("num.network.threads", "2");
        p.setProperty("num.io.threads", "4");
        p.setProperty("background.threads", "4");
        // The log cleaner (compacted topics: the registry, consumer offsets) allocates its dedupe
        // buffer on the heap: 128 MB by default, half a small heap. A registry needs kilobytes.
        p.setProperty("log.cleaner.dedupe.buffer.size", Integer.toString(8 * 1024 * 1024));
        p.setProperty("log.cleaner.threads", "1");

        // After a kill -9 the controller (this same process) still holds the dead incarnation's
        // registration and refuses the new one until that session expires: 9 s by default, which
        // made every restart after a crash ~10 s slower than a clean one. One node, loopback: a
        // short session costs nothing.
        p.setProperty("broker.session.timeout.ms", "2000");
        p.setProperty("broker.heartbeat.interval.ms", "500");

        p.putAll(overrides);
        return p;
    }
}
