package io.meterline.app.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.meterline.ingest.RegistryTopicView;
import io.meterline.ingest.TopicSetup;
import java.time.Clock;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
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

/**
 * Several instances started together (a deployment) all make the topics, and none may fail for
 * losing the race; each then follows the registry topic at once (as an instance does) and must
 * see a definition written afterwards.
 */
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
            List<Future<RegistryTopicView>> results = new ArrayList<>();
            for (int i = 0; i < instances; i++) {
                results.add(pool.submit(() -> {
                    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                            broker.bootstrapServers()))) {
                        admin.listTopics().names().get(); // connected, so the calls below start together
                        together.await();
                        TopicSetup.ensure(admin, topics);
                    }
                    Properties client = new Properties();
                    client.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
                    RegistryTopicView view = new RegistryTopicView(client, topics.metrics(), Clock.systemUTC());
                    view.start(Duration.ofSeconds(60));
                    return view;
                }));
            }
            pool.shutdown();
            List<RegistryTopicView> views = new ArrayList<>();
            try {
                for (Future<RegistryTopicView> r : results) {
                    views.add(r.get()); // throws what ensure or start threw
                }
                try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
                        broker.bootstrapServers()), new StringSerializer(), new StringSerializer())) {
                    producer.send(new ProducerRecord<>(topics.metrics(), "late",
                            "{\"name\":\"late\",\"type\":\"gauge\",\"label_keys\":[]}")).get();
                }
                for (RegistryTopicView view : views) {
                    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                    while (view.find("late").isEmpty() && System.nanoTime() < deadline) {
                        Thread.sleep(50);
                    }
                    assertThat(view.find("late")).as("every instance's registry view follows the topic").isPresent();
                }
            } finally {
                views.forEach(RegistryTopicView::close);
            }
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
                assertThat(admin.listTopics().names().get()).contains(topics.points(), topics.deadLetters(), topics.metrics());
            }
        }
    }
}
