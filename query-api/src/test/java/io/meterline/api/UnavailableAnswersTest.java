package io.meterline.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.meterline.core.ComponentHealth;
import io.meterline.core.Ingestion;
import io.meterline.core.Limits;
import io.meterline.core.MetricDefinition;
import io.meterline.core.MetricRegistry;
import io.meterline.core.MetricType;
import io.meterline.core.Point;
import io.meterline.core.PointParser;
import io.meterline.core.UnavailableException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Over a real socket, with Kafka (ingestion) and storage standing in as unavailable: the client
 * gets a 503 with Retry-After and a sentence, never a 500 or a hang.
 */
class UnavailableAnswersTest {

    private static final MetricDefinition CPU =
            new MetricDefinition("cpu", MetricType.GAUGE, List.of(), Instant.EPOCH, "", "", null, null);
    private HttpApi api;
    private final HttpClient client = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        MetricRegistry registry = MetricRegistry.of(CPU);
        Ingestion kafkaDown = new Ingestion() {
            @Override
            public void define(MetricDefinition definition) {
                throw new UnavailableException("Kafka did not acknowledge the write in time; nothing was written, retry later.", null);
            }

            @Override
            public String publish(List<Point> points) {
                throw new UnavailableException("Kafka did not acknowledge the write in time; nothing was written, retry later.", null);
            }
        };
        api = new HttpApi(new HttpApi.Dependencies(registry, kafkaDown, null,
                new PointParser(Limits.DEFAULTS, Clock.systemUTC()), Clock.systemUTC(), new SimpleMeterRegistry(),
                () -> "", () -> List.of(ComponentHealth.up("stream"), ComponentHealth.down("storage", "disk full"))),
                new HttpApi.Settings("127.0.0.1", 0, 1024 * 1024, Map.of("raw", "30d", "1m", "90d", "1h", "1825d"))).start();
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + api.port() + path);
    }

    @Test
    void writesAnswer503WithRetryAfterWhenKafkaIsDown() throws Exception {
        HttpResponse<String> point = send(HttpRequest.newBuilder(uri("/metrics/cpu/data"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"labels\":{},\"value\":1}")));
        assertThat(point.statusCode()).isEqualTo(503);
        assertThat(point.headers().firstValue("Retry-After")).hasValue("5");
        assertThat(point.body()).isEqualTo("{\"error\":\"Kafka did not acknowledge the write in time; nothing was written, retry later.\"}");

        HttpResponse<String> define = send(HttpRequest.newBuilder(uri("/metrics"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"new_one\",\"type\":\"gauge\",\"label_keys\":[]}")));
        assertThat(define.statusCode()).isEqualTo(503);
    }

    @Test
    void readinessSaysWhichComponentIsDownAndWhy() throws Exception {
        HttpResponse<String> ready = send(HttpRequest.newBuilder(uri("/ready")).GET());
        assertThat(ready.statusCode()).isEqualTo(503);
        assertThat(ready.body()).contains("\"component\":\"storage\"", "disk full", "not ready");
        assertThat(send(HttpRequest.newBuilder(uri("/health")).GET()).statusCode()).isEqualTo(200);
    }
}
