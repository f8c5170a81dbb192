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
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The web UI's files over a real socket: the page, its modules and ECharts from the WebJar, with
 * revalidation, and nothing else of the class path however the path is spelled.
 */
class UiFilesTest {

    private static final String ECHARTS = "/webjars/echarts/5.5.0/echarts.esm.min.js";
    private HttpApi api;
    private final HttpClient client = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        MetricRegistry empty = MetricRegistry.of();
        Ingestion unused = new Ingestion() {
            @Override
            public void define(MetricDefinition definition) {
                throw new AssertionError("not called by these tests");
            }

            @Override
            public String publish(List<Point> points) {
                throw new AssertionError("not called by these tests");
            }
        };
        api = new HttpApi(new HttpApi.Dependencies(empty, unused, null,
                new PointParser(Limits.DEFAULTS, Clock.systemUTC()), Clock.systemUTC(), new SimpleMeterRegistry(),
                () -> "", () -> List.of(ComponentHealth.up("stream"))),
                new HttpApi.Settings("127.0.0.1", 0, 1024 * 1024, Map.of())).start();
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + path));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return client.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void thePageItsModulesAndEChartsAreServed() throws Exception {
        HttpResponse<String> page = get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(page.body()).contains("<html").contains("js/main.js");

        HttpResponse<String> module = get("/js/main.js");
        assertThat(module.statusCode()).isEqualTo(200);
        assertThat(module.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/javascript"));

        HttpResponse<String> echarts = get(ECHARTS);
        assertThat(echarts.statusCode()).isEqualTo(200);
        assertThat(echarts.body()).hasSizeGreaterThan(500_000);
        // a versioned WebJar path never changes: browsers may keep it for long
        assertThat(echarts.headers().firstValue("Cache-Control")).hasValueSatisfying(c -> assertThat(c).contains("max-age=3"));
    }

    @Test
    void anUnchangedFileIsRevalidatedWithoutItsBody() throws Exception {
        String etag = get("/").headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> again = get("/", "If-None-Match", etag);
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
    }

    @Test
    void nothingOutsideTheUiFilesIsServedHoweverThePathIsSpelled() throws Exception {
        // sent byte for byte over a socket: HTTP clients would normalise these paths before sending
        for (String path : List.of("/../io/meterline/api/HttpApi.class", "/%2e%2e/io/meterline/api/HttpApi.class",
                "/..%2fio/meterline/api/HttpApi.class", "/webjars/../io/meterline/api/HttpApi.class",
                "/webjars/%2e%2e/%2e%2e/%2e%2e/%2e%2e/io/meterline/api/HttpApi.class",
                "/webjars/..%2f..%2f..%2f..%2fio/meterline/api/HttpApi.class",
                "/webjars/echarts/5.5.0/../../../../../../io/meterline/api/HttpApi.class",
                "/css/..%5c..%5cio/meterline/api/HttpApi.class", "/io/meterline/api/HttpApi.class",
                "/META-INF/MANIFEST.MF", "/webjars/../../META-INF/MANIFEST.MF", "/js/%2e%2e/%2e%2e/META-INF/MANIFEST.MF",
                "//META-INF/MANIFEST.MF", "/public/index.html", "/webjars/", "/js/")) {
            String answer = rawGet(path);
            assertThat(answer).as(path).matches("(?s)HTTP/1\\.1 40[04] .*").doesNotContain("Manifest-Version");
        }
    }

    private String rawGet(String path) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", api.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            // ISO-8859-1 keeps every byte, so a class file's 0xCAFEBABE would show
            String answer = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            assertThat(answer).as(path).doesNotContain("\u00ca\u00fe\u00ba\u00be");
            return answer;
        }
    }
}
