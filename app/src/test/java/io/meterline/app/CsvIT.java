package io.meterline.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CSV download and import end to end: the app with its embedded broker and QuestDB, over real
 * sockets. Each test uses its own metrics, so they run in any order.
 */
class CsvIT {

    @TempDir
    static Path dataDir;
    static Application app;
    static Http http;
    static final HttpClient CLIENT = HttpClient.newHttpClient();
    static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(3, ChronoUnit.HOURS);

    @BeforeAll
    static void start() {
        app = new Application(AppConfig.from(new String[] {"--port", "0", "--data-dir", dataDir.toString()}, Map.of()),
                Clock.systemUTC());
        http = new Http(app.httpPort());
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    static void define(String name, String type, String labelKeys) {
        assertThat(http.post("/metrics", "{\"name\":\"" + name + "\",\"type\":\"" + type + "\",\"label_keys\":"
                + labelKeys + "}").status()).isEqualTo(201);
    }

    static String at(long millis) {
        return "\"" + T0.plusMillis(millis) + "\"";
    }

    /** The CSV download once it holds {@code rows} data rows (the stream stores points asynchronously). */
    static String awaitCsv(String path, int rows) {
        awaitTrue(() -> records(http.get(path).body()) >= rows + 1);
        String csv = http.get(path).body();
        assertThat(records(csv)).isEqualTo(rows + 1);
        return csv;
    }

    static int records(String csv) {
        return csv.split("\r\n", -1).length - 1;
    }

    /** Export, import the export into an empty metric of the same shape, export that: the same bytes. */
    static void assertRoundTrip(String source, String copy, String type, String labelKeys, int rows) {
        String exported = awaitCsv("/metrics/" + source + "/data.csv", rows);
        define(copy, type, labelKeys);
        Http.Response imported = http.post("/metrics/" + copy + "/data", exported, "text/csv");
        assertThat(imported.status()).as(imported.body()).isEqualTo(201);
        assertThat(imported.json().get("count").asInt()).isEqualTo(rows);
        assertThat(awaitCsv("/metrics/" + copy + "/data.csv", rows)).isEqualTo(exported);
    }

    @Test
    void gaugeWithOddLabelValuesRoundTripsByteIdentical() {
        define("rt_gauge", "gauge", "[\"region\",\"host\"]");
        String batch = "[{\"labels\":{\"host\":\"a\",\"region\":\"say \\\"hi\\\", then\\nleave\"},\"value\":-1.5,\"timestamp\":" + at(0) + "},"
                + "{\"labels\":{\"host\":\"=HYPERLINK(1)\",\"region\":\"東京 ünï\"},\"value\":1e-9,\"timestamp\":" + at(1) + "},"
                + "{\"labels\":{\"host\":\"-x\",\"region\":\"@eu\"},\"value\":12345678.25,\"timestamp\":" + at(2) + "}]";
        assertThat(http.post("/metrics/rt_gauge/data", batch).status()).isEqualTo(201);
        String csv = awaitCsv("/metrics/rt_gauge/data.csv", 3);
        assertThat(csv).startsWith("timestamp,region,host,value\r\n")
                .contains("\"say \"\"hi\"\", then\nleave\",a,-1.5\r\n")
                .contains(",'@eu,'-x,1.234567825E7\r\n")
                .contains(",東京 ünï,'=HYPERLINK(1),1.0E-9\r\n");
        assertRoundTrip("rt_gauge", "rt_gauge_copy", "gauge", "[\"region\",\"host\"]", 3);
    }

    @Test
    void enumRoundTripsByteIdentical() {
        define("rt_enum", "enum", "[\"service\"]");
        String batch = "[{\"labels\":{\"service\":\"api\"},\"value\":\"OK\",\"timestamp\":" + at(0) + "},"
                + "{\"labels\":{\"service\":\"db\"},\"value\":\"+DOWN\",\"timestamp\":" + at(1000) + "}]";
        assertThat(http.post("/metrics/rt_enum/data", batch).status()).isEqualTo(201);
        assertThat(awaitCsv("/metrics/rt_enum/data.csv", 2)).endsWith(",db,'+DOWN\r\n");
        assertRoundTrip("rt_enum", "rt_enum_copy", "enum", "[\"service\"]", 2);
    }

    @Test
    void histogramHasOneColumnPerBoundSeenAndRoundTrips() {
        define("rt_hist", "histogram", "[\"path\"]");
        String batch = "[{\"labels\":{\"path\":\"/a\"},\"buckets\":{\"10\":3,\"100\":5,\"+inf\":2},\"value\":420.5,\"timestamp\":" + at(0) + "},"
                + "{\"labels\":{\"path\":\"/b\"},\"buckets\":{\"0.5\":1,\"+Inf\":0},\"timestamp\":" + at(60_000) + "}]";
        assertThat(http.post("/metrics/rt_hist/data", batch).status()).isEqualTo(201);
        assertThat(awaitCsv("/metrics/rt_hist/data.csv", 2)).isEqualTo("timestamp,path,le_0.5,le_10,le_100,le_+Inf,sum\r\n"
                + T0 + ",/a,,3,5,2,420.5\r\n" + T0.plusSeconds(60) + ",/b,1,,,0,\r\n");
        // only the bounds of the rows in the range are columns
        assertThat(http.get("/metrics/rt_hist/data.csv?path=/b").body())
                .isEqualTo("timestamp,path,le_0.5,le_+Inf,sum\r\n" + T0.plusSeconds(60) + ",/b,1,0,\r\n");
        assertRoundTrip("rt_hist", "rt_hist_copy", "histogram", "[\"path\"]", 2);
    }

    @Test
    void timeRangeAndLabelFiltersApplyAndEveryWayToAskGivesTheSameFile() {
        define("filtered", "gauge", "[\"host\"]");
        StringBuilder batch = new StringBuilder("[");
        for (int i = 0; i < 10; i++) {
            batch.append(i > 0 ? "," : "").append("{\"labels\":{\"host\":\"h").append(i % 2).append("\"},\"value\":")
                    .append(i).append(",\"timestamp\":").append(at(i * 1000L)).append('}');
        }
        assertThat(http.post("/metrics/filtered/data", batch.append(']').toString()).status()).isEqualTo(201);
        String all = awaitCsv("/metrics/filtered/data.csv", 10);
        String query = "?host=h1&start_time=" + T0.plusSeconds(3) + "&end_time=" + T0.plusSeconds(7);
        assertThat(http.get("/metrics/filtered/data.csv" + query).body()).isEqualTo("timestamp,host,value\r\n"
                + T0.plusSeconds(3) + ",h1,3.0\r\n" + T0.plusSeconds(5) + ",h1,5.0\r\n" + T0.plusSeconds(7) + ",h1,7.0\r\n");
        assertThat(records(http.get("/metrics/filtered/data.csv?limit=4").body())).isEqualTo(5);

        Http.Response byFormat = http.get("/metrics/filtered/data?format=csv");
        assertThat(byFormat.body()).isEqualTo(all);
        assertThat(byFormat.header("Content-Type")).startsWith("text/csv");
        assertThat(byFormat.header("Content-Disposition")).isEqualTo("attachment; filename=\"filtered.csv\"");
        Http.Response byAccept = http.send(HttpRequest.newBuilder(URI.create(base() + "/metrics/filtered/data"))
                .header("Accept", "text/csv").GET());
        assertThat(byAccept.body()).isEqualTo(all);
        assertThat(http.get("/metrics/filtered/data?format=json").json().size()).isEqualTo(10);
        assertThat(http.get("/metrics/filtered/data.csv?host=nobody").body()).isEqualTo("timestamp,host,value\r\n");
        assertThat(http.get("/metrics/filtered/data.csv?colour=red").status()).isEqualTo(400);
        assertThat(http.get("/metrics/nope/data.csv").status()).isEqualTo(404);
    }

    /** As api.md's {@code limit} says of every raw answer: a page never splits a timestamp, and says where to go on. */
    @Test
    void aLimitedDownloadEndsBeforeATimestampItWouldSplitAndSaysWhereToGoOn() {
        define("paged", "gauge", "[\"host\"]");
        StringBuilder batch = new StringBuilder("[{\"labels\":{\"host\":\"h0\"},\"value\":0,\"timestamp\":" + at(0) + "}");
        for (int i = 1; i <= 6; i++) { // six series at one timestamp
            batch.append(",{\"labels\":{\"host\":\"h").append(i).append("\"},\"value\":1,\"timestamp\":").append(at(1000)).append('}');
        }
        assertThat(http.post("/metrics/paged/data", batch.append(']').toString()).status()).isEqualTo(201);
        awaitCsv("/metrics/paged/data.csv", 7);

        Http.Response page = http.get("/metrics/paged/data.csv?limit=3");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).isEqualTo("timestamp,host,value\r\n" + T0 + ",h0,0.0\r\n");
        assertThat(page.header("X-Next-Start-Time")).isEqualTo(T0.plusSeconds(1).toString());
        Http.Response json = http.get("/metrics/paged/data?limit=3");
        assertThat(json.header("X-Next-Start-Time")).isEqualTo(page.header("X-Next-Start-Time"));

        Http.Response rest = http.get("/metrics/paged/data.csv?limit=6&start_time=" + T0.plusSeconds(1));
        assertThat(records(rest.body())).isEqualTo(7);
        assertThat(rest.header("X-Next-Start-Time")).isNull();
        Http.Response tooMany = http.get("/metrics/paged/data.csv?limit=5&start_time=" + T0.plusSeconds(1));
        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(tooMany.body()).contains("more than 5 points share the timestamp");
        // six series at one timestamp: the copy is stored in another order (Kafka partitions, two
        // stream threads), and the export still gives the same bytes
        assertRoundTrip("paged", "paged_copy", "gauge", "[\"host\"]", 7);
    }

    @Test
    void downsampledDownloadHasTheAggregateColumnsOfEachKind() {
        define("ds_gauge", "gauge", "[\"host\"]");
        assertThat(http.post("/metrics/ds_gauge/data", "[{\"labels\":{\"host\":\"a\"},\"value\":1,\"timestamp\":" + at(0) + "},"
                + "{\"labels\":{\"host\":\"a\"},\"value\":3,\"timestamp\":" + at(30_000) + "},"
                + "{\"labels\":{\"host\":\"b\"},\"value\":10,\"timestamp\":" + at(10_000) + "},"
                + "{\"labels\":{\"host\":\"a\"},\"value\":5,\"timestamp\":" + at(70_000) + "}]").status()).isEqualTo(201);
        assertThat(awaitCsv("/metrics/ds_gauge/data.csv?step=1m&agg=all", 3)).isEqualTo(
                "timestamp,host,avg,min,max,sum,count,last\r\n"
                + T0 + ",a,2.0,1.0,3.0,4.0,2,3.0\r\n"
                + T0 + ",b,10.0,10.0,10.0,10.0,1,10.0\r\n"
                + T0.plusSeconds(60) + ",a,5.0,5.0,5.0,5.0,1,5.0\r\n");
        Http.Response grouped = http.get("/metrics/ds_gauge/data?format=csv&step=1m&agg=max&group_by=");
        assertThat(grouped.body()).isEqualTo("timestamp,max\r\n" + T0 + ",10.0\r\n" + T0.plusSeconds(60) + ",5.0\r\n");
        assertThat(grouped.header("X-Step")).isEqualTo("1m");
        assertThat(http.get("/metrics/ds_gauge/data.csv?step=1m&limit=5").status()).isEqualTo(400);

        define("ds_enum", "enum", "[\"service\"]");
        assertThat(http.post("/metrics/ds_enum/data", "[{\"labels\":{\"service\":\"api\"},\"value\":\"OK\",\"timestamp\":" + at(0) + "},"
                + "{\"labels\":{\"service\":\"api\"},\"value\":\"OK\",\"timestamp\":" + at(10_000) + "},"
                + "{\"labels\":{\"service\":\"api\"},\"value\":\"DOWN\",\"timestamp\":" + at(20_000) + "}]").status()).isEqualTo(201);
        assertThat(awaitCsv("/metrics/ds_enum/data.csv?step=1m", 2)).isEqualTo(
                "timestamp,service,state,count\r\n" + T0 + ",api,DOWN,1\r\n" + T0 + ",api,OK,2\r\n");

        define("ds_hist", "histogram", "[]");
        assertThat(http.post("/metrics/ds_hist/data", "[{\"buckets\":{\"10\":3,\"+Inf\":1},\"value\":20,\"timestamp\":" + at(0) + "},"
                + "{\"buckets\":{\"10\":1},\"timestamp\":" + at(30_000) + "}]").status()).isEqualTo(201);
        awaitTrue(() -> http.get("/metrics/ds_hist/data.csv?step=1m").body().contains(",4,1,5,"));
        assertThat(http.get("/metrics/ds_hist/data.csv?step=1m").body()).isEqualTo(
                "timestamp,le_10,le_+Inf,count,sum,p50,p90,p99\r\n" + T0 + ",4,1,5,20.0,6.25,10.0,10.0\r\n");
    }

    @Test
    void gzipWhenTheClientAcceptsIt() throws Exception {
        define("zipped", "gauge", "[]");
        assertThat(http.post("/metrics/zipped/data", "{\"value\":1,\"timestamp\":" + at(0) + "}").status()).isEqualTo(201);
        String plain = awaitCsv("/metrics/zipped/data.csv", 1);
        HttpResponse<byte[]> zipped = CLIENT.send(HttpRequest.newBuilder(URI.create(base() + "/metrics/zipped/data.csv"))
                .header("Accept-Encoding", "gzip").build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(zipped.headers().firstValue("Content-Encoding")).hasValue("gzip");
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(zipped.body()))) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(plain);
        }
    }

    @Test
    void aBadRowIsA400NamingItAndNothingIsWritten() {
        define("strict", "gauge", "[\"host\"]");
        String csv = "timestamp,host,value\r\n" + T0 + ",a,1\r\n" + T0 + ",b,lots\r\n";
        Http.Response bad = http.post("/metrics/strict/data", csv, "text/csv");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("error").asText()).isEqualTo("row 3: value must be a number for a gauge metric.");
        Http.Response headerOnly = http.post("/metrics/strict/data", "timestamp,host,value\r\n", "text/csv");
        assertThat(headerOnly.status()).isEqualTo(400);
        assertThat(http.post("/metrics/strict/data", "", "text/csv").status()).isEqualTo(400);
        assertThat(http.post("/metrics/strict/data", "timestamp,host\r\n" + T0 + ",a\r\n", "text/csv").json()
                .get("error").asText()).startsWith("row 1: column 'value' is missing");
        assertThat(http.post("/metrics/strict/data", "timestamp,host,value\r\n" + T0 + ",\"a,1\r\n", "text/csv").status())
                .isEqualTo(400);
        // a good one afterwards is the only thing stored
        assertThat(http.post("/metrics/strict/data", "timestamp,host,value\r\n" + T0 + ",c,2\r\n", "text/csv").status())
                .isEqualTo(201);
        assertThat(awaitCsv("/metrics/strict/data.csv", 1)).endsWith(",c,2.0\r\n");
    }

    @Test
    void aClientThatHangsUpStopsTheExport() throws Exception {
        define("big", "gauge", "[\"host\"]");
        int hosts = 500;
        int perHost = 400;
        for (int part = 0; part < 2; part++) {
            StringBuilder csv = new StringBuilder("timestamp,host,value\r\n");
            for (int i = part * perHost / 2; i < (part + 1) * perHost / 2; i++) {
                for (int h = 0; h < hosts; h++) {
                    csv.append(T0.plusMillis(i * 10L)).append(",host-").append(h).append(',').append(i).append("\r\n");
                }
            }
            assertThat(http.post("/metrics/big/data", csv.toString(), "text/csv").status()).isEqualTo(201);
        }
        int total = hosts * perHost;
        awaitCsv("/metrics/big/data.csv", total);
        double goneBefore = exports("client_gone");
        double rowsBefore = meter("meterline_csv_export_rows_total");

        try (Socket socket = new Socket()) {
            socket.setReceiveBufferSize(8 * 1024); // so the server can't park the whole export in socket buffers
            socket.connect(new InetSocketAddress("127.0.0.1", app.httpPort()), 5_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /metrics/big/data.csv HTTP/1.1\r\nHost: localhost\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] some = in.readNBytes(16 * 1024);
            assertThat(new String(some, StandardCharsets.UTF_8)).startsWith("HTTP/1.1 200").contains("timestamp,host,value");
        }
        awaitTrue(() -> exports("client_gone") == goneBefore + 1);
        double sent = meter("meterline_csv_export_rows_total") - rowsBefore;
        assertThat(sent).isLessThan(total);
        assertThat(exports("failed")).isZero();
        long started = System.nanoTime();
        assertThat(http.get("/health").status()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
    }

    static double exports(String outcome) {
        return meter("meterline_csv_exports_total\\{[^}]*outcome=\"" + outcome + "\"[^}]*\\}");
    }

    static double meter(String nameRegex) {
        Matcher m = Pattern.compile("(?m)^" + nameRegex + "(?:\\{[^}]*\\})? (\\S+)$").matcher(http.get("/internal/prometheus").body());
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    static String base() {
        return "http://127.0.0.1:" + app.httpPort();
    }

    static void awaitTrue(BooleanSupplier condition) {
        Await.until(condition);
    }
}
