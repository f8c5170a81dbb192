package io.meterline.app.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.meterline.ingest.TopicSetup;
import io.meterline.ingest.Topics;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Several instances started together (a deployment) all make the topics; none may fail for losing the race. */
class TopicSetupRaceTest {

    @TempDir
    Path dir;

    @Test
    void instancesStartingAtOnceAllFindTheirTopics() throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"))) {
            Topics topics = Topics.named("race.points", 6, (short) 1);
            int instances = 6;
            CyclicBarrier together = new CyclicBarrier(instances);
            ExecutorService pool = Executors.newFixedThreadPool(instances);
            List<Future<?>> results = new ArrayList<>();
            for (int i = 0; i < instances; i++) {
                results.add(pool.submit(() -> {
                    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                            broker.bootstrapServers()))) {
                        admin.listTopics().names().get(); // connected, so the calls below start together
                        together.await();
                        TopicSetup.ensure(admin, topics);
                    }
                    return null;
                }));
            }
            pool.shutdown();
            for (Future<?> r : results) {
                r.get(); // throws what ensure threw
            }
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
                assertThat(admin.listTopics().names().get()).contains(topics.points(), topics.deadLetters(), topics.metrics());
            }
        }
    }
}
