package io.meterline.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meterline.core.Labels;
import io.meterline.core.Point;
import io.meterline.core.UnavailableException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** With no Kafka to talk to, a publish fails fast and says so: it never hangs and never half-writes. */
class KafkaIngestionUnavailableTest {

    @Test
    void publishingWithoutABrokerFailsWithinSecondsAsUnavailable() throws Exception {
        int deadPort;
        try (ServerSocket s = new ServerSocket(0)) {
            deadPort = s.getLocalPort(); // closed again: nothing listens there
        }
        Properties client = new Properties();
        client.put("bootstrap.servers", "127.0.0.1:" + deadPort);
        RegistryTopicView registry = new RegistryTopicView(client, "meterline.metrics", Clock.systemUTC());
        try (KafkaIngestion ingestion = new KafkaIngestion(client, "test", 1, registry, Topics.defaults())) {
            Point point = new Point.Gauge("cpu", Labels.EMPTY, Instant.now(), 1.0);
            long started = System.nanoTime();
            assertThatThrownBy(() -> ingestion.publish(List.of(point)))
                    .isInstanceOf(UnavailableException.class)
                    .hasMessageContaining("nothing was written, retry later");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(15));
        } finally {
            registry.close();
        }
    }
}
