package io.meterline.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.meterline.core.ComponentHealth;
import io.meterline.core.Ingestion;
import io.meterline.core.Limits;
import io.meterline.core.MetricDefinition;
import io.meterline.core.MetricRegistry;
import io.meterline.core.Point;
import io.meterline.core.PointParser;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Tokens over a real socket: which token opens which kind of request (api.md, "Tokens"). */
class TokenGuardTest {

    private HttpApi api;
    private final HttpClient client = HttpClient.newHttpClient();
    private final List<MetricDefinition> defined = new ArrayList<>();

    private void start(Optional<String> write, Optional<String> read) {
        MetricRegistry registry = new MetricRegistry() {
            @Override
            public Optional<MetricDefinition> find(String name) {
                return Optional.empty();
            }

            @Override
            public List<MetricDefinition> all() {
                return List.of();
            }
        };
        Ingestion ingestion = new Ingestion() {
            @Override
            public void define(MetricDefinition definition) {
                defined.add(definition);
            }

            @Override
            public String publish(List<Point> points) {
                return "0-0";
            }
        };
        api = new HttpApi(new HttpApi.Dependencies(registry, ingestion, null,
                new PointParser(Limits.DEFAULTS, Clock.systemUTC()), Clock.systemUTC(), new SimpleMeterRegistry(),
                () -> "# nothing\n", () -> List.of(ComponentHealth.up("stream"))),
                new HttpApi.Settings("127.0.0.1", 0, 1 << 20, Map.of(), write, read)).start();
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private int get(String path, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + path));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return client.send(b.GET().build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private HttpResponse<String> define(String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + "/metrics"));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return client.send(b.POST(HttpRequest.BodyPublishers.ofString(
                "{\"name\":\"m" + defined.size() + "\",\"type\":\"gauge\",\"label_keys\":[]}")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void bothTokensGuardTheirOwnKind() throws Exception {
        start(Optional.of("w-secret"), Optional.of("r-secret"));
        assertThat(get("/metrics", null)).isEqualTo(401);
        assertThat(get("/metrics", "wrong")).isEqualTo(401);
        assertThat(get("/metrics", "r-secret")).isEqualTo(200);
        assertThat(get("/metrics", "w-secret")).isEqualTo(200);
        assertThat(get("/internal/prometheus", null)).isEqualTo(401);
        assertThat(get("/internal/prometheus", "r-secret")).isEqualTo(200);
        assertThat(get("/health", null)).isEqualTo(200);
        assertThat(get("/ready", null)).isEqualTo(200);

        HttpResponse<String> none = define(null);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        assertThat(none.body()).contains("\"error\"", "needs a token");
        assertThat(define("r-secret").statusCode()).isEqualTo(403);
        assertThat(define("nope").statusCode()).isEqualTo(401);
        assertThat(defined).isEmpty();
        assertThat(define("w-secret").statusCode()).isEqualTo(201);
        assertThat(defined).hasSize(1);
    }

    @Test
    void aKindWithoutATokenStaysOpen() throws Exception {
        start(Optional.of("w-secret"), Optional.empty());
        assertThat(get("/metrics", null)).isEqualTo(200);
        assertThat(define(null).statusCode()).isEqualTo(401);
        assertThat(define("w-secret").statusCode()).isEqualTo(201);
    }
}
