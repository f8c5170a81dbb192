package io.meterline.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.meterline.core.Json;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded fuzz over real sockets: thousands of generated hostile requests (malformed and
 * truncated JSON, deep nesting, huge numbers, wrong types, odd unicode, path tricks, absurd query
 * parameters, wrong content types). No answer may be a 5xx, and every 4xx carries an
 * {@code error} sentence. Set -Dfuzz.seed=N to replay; -Dfuzz.requests=N for more.
 */
class HostileRequestsIT {

    private static final long SEED = Long.getLong("fuzz.seed", System.nanoTime());
    private static final int REQUESTS = Integer.getInteger("fuzz.requests", 10_000);

    @TempDir
    static Path dataDir;
    static Application app;

    @BeforeAll
    static void start() {
        app = new Application(AppConfig.from(new String[] {"--port", "0", "--data-dir", dataDir.toString(),
                "--partitions", "1"}, Map.of()), Clock.systemUTC());
        Http http = new Http(app.httpPort());
        http.post("/metrics", "{\"name\":\"cpu\",\"type\":\"gauge\",\"label_keys\":[\"host\",\"region\"]}");
        http.post("/metrics", "{\"name\":\"status\",\"type\":\"enum\",\"label_keys\":[\"svc\"],\"states\":[\"OK\",\"DOWN\"]}");
        http.post("/metrics", "{\"name\":\"lat\",\"type\":\"histogram\",\"label_keys\":[],\"buckets\":[1,10,\"+Inf\"]}");
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void noHostileRequestGetsA5xxAndEvery4xxSaysWhy() throws Exception {
        Random random = new Random(SEED);
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < REQUESTS && failures.size() < 10; i++) {
            HttpRequest request = request(random, app.httpPort());
            HttpResponse<String> r;
            try {
                r = client.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (java.io.IOException closed) {
                // Jetty closes a connection after some refusals (an unread body, a bad request line);
                // the client may have reused it for this request: send it once more, on a new one
                r = client.send(request, HttpResponse.BodyHandlers.ofString());
            }
            String problem = judge(r);
            if (problem != null) {
                failures.add(request.method() + " " + request.uri() + " -> " + r.statusCode() + " " + problem + ": "
                        + r.body().substring(0, Math.min(200, r.body().length())));
            }
        }
        assertThat(failures).as("seed=%d", SEED).isEmpty();
        assertThat(new Http(app.httpPort()).get("/health").status()).isEqualTo(200);
    }

    private static String judge(HttpResponse<String> r) {
        if (r.statusCode() == 503 && r.uri().getPath().equals("/ready") && r.body().contains("\"not ready\"")) {
            return null; // a readiness probe's answer while the stream rebalances, not an error
        }
        if (r.statusCode() >= 500) {
            return "a server error";
        }
        if (r.statusCode() >= 400) {
            try {
                JsonNode body = Json.MAPPER.readTree(r.body());
                if (body == null || !body.path("error").isTextual() || body.path("error").textValue().isBlank()) {
                    return "a 4xx without an error sentence";
                }
            } catch (Exception e) {
                return "a 4xx whose body is not JSON";
            }
        }
        return null;
    }

    private static final String[] METRICS = {"cpu", "status", "lat", "nope", "..%2F..%2Fetc%2Fpasswd", "%00", "c%C3%A9", "a%20b",
            "x".repeat(300), "cpu%27%20OR%20%271%27%3D%271", "%E2%80%AE", "%F0%9F%92%A5"};
    private static final String[] SUFFIXES = {"", "/data", "/data.csv", "/labels", "/distribution", "/data/x", "/../..", "//data"};
    private static final String[] PARAMS = {"start_time", "end_time", "step", "agg", "max_points", "group_by", "limit",
            "format", "host", "region", "svc", "zzz", "", "host[]", "%00"};
    private static final String[] VALUES = {"", "1", "-1", "0", "99999999999999999999", "1e400", "NaN", "auto", "1s", "0s",
            "7d", "1000000d", "csv", "json", "xml", "a,b", "host,host", "2026-13-45T99:99:99Z", "2026-11-23T00:00:00",
            "%27%3B%20DROP%20TABLE%20gauge_raw%3B--", "%E2%80%AE", "all", "max", "%20", "x".repeat(2000)};
    private static final String[] TYPES = {"application/json", "application/x-ndjson", "text/csv", "text/plain",
            "application/xml", "multipart/form-data; boundary=x", "application/json; charset=utf-16", "", "*/*"};

    private static HttpRequest request(Random random, int port) {
        StringBuilder uri = new StringBuilder("http://127.0.0.1:").append(port);
        int kind = random.nextInt(10);
        if (kind == 0) {
            uri.append(pick(random, new String[] {"/", "/data", "/metrics", "/health", "/ready", "/internal/prometheus",
                    "/webjars/../../etc/passwd", "/%2e%2e/%2e%2e/", "/metrics/", "/metrics//", "/x".repeat(50)}));
        } else if (kind == 1) {
            uri.append("/data");
        } else {
            uri.append("/metrics/").append(pick(random, METRICS)).append(pick(random, SUFFIXES));
        }
        int params = random.nextInt(5);
        for (int p = 0; p < params; p++) {
            uri.append(p == 0 ? '?' : '&').append(pick(random, PARAMS)).append('=').append(pick(random, VALUES));
        }
        HttpRequest.Builder builder;
        try {
            builder = HttpRequest.newBuilder(URI.create(uri.toString()));
        } catch (IllegalArgumentException notAUri) {
            builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics/"
                    + URLEncoder.encode(uri.toString(), StandardCharsets.UTF_8)));
        }
        builder.timeout(Duration.ofSeconds(30));
        String type = pick(random, TYPES);
        if (!type.isEmpty()) {
            builder.header("Content-Type", type);
        }
        if (random.nextInt(8) == 0) {
            builder.header("Accept", pick(random, new String[] {"text/csv", "application/json", "*/*", "image/png"}));
        }
        int method = random.nextInt(10);
        if (method < 4) {
            return builder.GET().build();
        }
        if (method == 4) {
            return builder.method(pick(random, new String[] {"PUT", "DELETE", "PATCH", "OPTIONS"}),
                    HttpRequest.BodyPublishers.ofString(body(random))).build();
        }
        return builder.POST(HttpRequest.BodyPublishers.ofString(body(random))).build();
    }

    private static String body(Random random) {
        String point = "{\"metric\":\"cpu\",\"labels\":{\"host\":\"a\",\"region\":\"eu\"},\"value\":1.5,\"timestamp\":\"2026-11-22T00:00:00Z\"}";
        return switch (random.nextInt(16)) {
            case 0 -> "";
            case 1 -> point.substring(0, random.nextInt(point.length()));
            case 2 -> "[".repeat(5_000) + "]".repeat(5_000);
            case 3 -> "{\"labels\":{\"host\":\"a\",\"region\":\"eu\"},\"value\":" + "9".repeat(400) + "}";
            case 4 -> "{\"labels\":{\"host\":\"a\",\"region\":\"eu\"},\"value\":1e999999}";
            case 5 -> "{\"labels\":[\"host\"],\"value\":{}}";
            case 6 -> "{\"labels\":{\"host\":\"\\ud800\",\"region\":\"\\u0000\"},\"value\":1}";
            case 7 -> "{\"name\":\"" + "n".repeat(random.nextInt(300)) + "\",\"type\":\"gauge\",\"label_keys\":[\"a\",\"a\"]}";
            case 8 -> "{\"name\":\"ok_" + random.nextInt(1_000) + "\",\"type\":\"" + pick(random, new String[] {"gauge", "enum",
                    "histogram", "GAUGE", ""}) + "\",\"label_keys\":" + pick(random, new String[] {"[]", "null", "{}", "[1]",
                    "[\"limit\"]"}) + ",\"buckets\":" + pick(random, new String[] {"[3,2,1]", "[\"x\"]", "null", "[1e999]"}) + "}";
            case 9 -> "timestamp,host,region,value\r\n" + "=cmd|' /C calc'!A0,a,eu,1\r\n".repeat(random.nextInt(3));
            case 10 -> "timestamp,value\r\n\"unterminated,1\r\n";
            case 11 -> point + "\n" + point.replace("1.5", "\"x\"") + "\n";
            case 12 -> "\u0000\u0001\u0002\uFFFF";
            case 13 -> "[" + (point.replace("\"metric\":\"cpu\",", "") + ",").repeat(random.nextInt(20)) + "]";
            case 14 -> "{\"labels\":{\"host\":\"a\",\"region\":\"eu\"},\"buckets\":{\"1\":-5,\"+inf\":1.5,\"NaN\":1},\"value\":true}";
            default -> "{\"labels\":{\"host\":\"a\",\"region\":\"eu\"},\"value\":1,\"timestamp\":" + pick(random,
                    new String[] {"-1", "1e300", "\"\"", "[]", "99999999999999999", "\"1969-01-01T00:00:00Z\"", "true"}) + "}";
        };
    }

    private static String pick(Random random, String[] options) {
        return options[random.nextInt(options.length)];
    }
}
