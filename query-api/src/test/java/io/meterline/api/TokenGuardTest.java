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

/**
 * Who may call the API, over a real socket: which token opens which kind of request (api.md,
 * "Tokens"), and which web origins a browser lets call it (CORS, off unless configured).
 */
class TokenGuardTest {

    private HttpApi api;
    private final HttpClient client = HttpClient.newHttpClient();
    private final List<MetricDefinition> defined = new ArrayList<>();

    private void start(Optional<String> write, Optional<String> read) {
        start(write, read, List.of());
    }

    private void start(Optional<String> write, Optional<String> read, List<String> corsOrigins) {
        MetricRegistry registry = MetricRegistry.of();
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
                new HttpApi.Settings("127.0.0.1", 0, 1 << 20, Map.of(), write, read, corsOrigins)).start();
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

    private HttpResponse<String> fromOrigin(String method, String path, String origin) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + path))
                .header("Origin", origin);
        if (method.equals("OPTIONS")) { // a browser's preflight before a POST with a token
            b.header("Access-Control-Request-Method", "POST")
                    .header("Access-Control-Request-Headers", "authorization,content-type");
        }
        return client.send(b.method(method, HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void corsIsOffByDefault() throws Exception {
        start(Optional.empty(), Optional.empty());
        assertThat(fromOrigin("GET", "/metrics", "https://elsewhere.example").headers()
                .firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(fromOrigin("OPTIONS", "/metrics", "https://elsewhere.example").headers()
                .firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void configuredOriginsAndOnlyThoseMayCallFromABrowser() throws Exception {
        start(Optional.of("w-secret"), Optional.empty(), List.of("https://dash.example", "http://localhost:3000"));
        HttpResponse<String> preflight = fromOrigin("OPTIONS", "/metrics", "https://dash.example");
        assertThat(preflight.statusCode()).as("a preflight carries no token: it must not be refused").isEqualTo(200);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://dash.example");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers").orElse("").toLowerCase())
                .contains("authorization");

        HttpResponse<String> get = fromOrigin("GET", "/metrics", "http://localhost:3000");
        assertThat(get.headers().firstValue("Access-Control-Allow-Origin")).hasValue("http://localhost:3000");
        assertThat(get.headers().firstValue("Access-Control-Expose-Headers").orElse("")).contains("X-Step");

        assertThat(fromOrigin("GET", "/metrics", "https://evil.example").headers()
                .firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(fromOrigin("OPTIONS", "/metrics", "https://evil.example").headers()
                .firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(define(null).statusCode()).as("CORS opens nothing the tokens close").isEqualTo(401);
    }
}
