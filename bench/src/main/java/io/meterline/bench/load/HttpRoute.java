package io.meterline.bench.load;

import com.fasterxml.jackson.core.JsonGenerator;
import io.meterline.core.Json;
import io.meterline.core.Point;
import io.meterline.core.PointJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The HTTP routes: {@code POST /data} with NDJSON (one body per batch, the harness's own route for
 * Meterline), or {@code POST /metrics/{name}/data} with a JSON array (one body per metric of a
 * batch, the API's point form with ISO-8601 timestamps as in api.md's example). Bodies are
 * encoded in {@link #prepare}; each connection keeps one HTTP/1.1 connection alive.
 */
final class HttpRoute implements IngestRoute {

    private record Body(URI uri, String contentType, byte[] bytes) {
    }

    private final String baseUrl;
    private final boolean ndjson;
    private List<List<Body>> bodies;

    private HttpRoute(String baseUrl, boolean ndjson) {
        this.baseUrl = baseUrl;
        this.ndjson = ndjson;
    }

    static HttpRoute ndjson(String baseUrl) {
        return new HttpRoute(baseUrl, true);
    }

    static HttpRoute jsonBatch(String baseUrl) {
        return new HttpRoute(baseUrl, false);
    }

    @Override
    public void prepare(List<PeerWorkload.Batch> batches) throws IOException {
        bodies = new ArrayList<>(batches.size());
        for (PeerWorkload.Batch batch : batches) {
            bodies.add(ndjson ? List.of(ndjsonBody(batch.points().get())) : arrayBodies(batch.points().get()));
        }
    }

    private Body ndjsonBody(List<Point> points) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(points.size() * 100);
        try (JsonGenerator out = Json.MAPPER.getFactory().createGenerator(bytes)) {
            out.setRootValueSeparator(null);
            for (Point p : points) {
                PointJson.writeRecord(out, p);
                out.writeRaw('\n');
            }
        }
        return new Body(URI.create(baseUrl + "/data"), "application/x-ndjson", bytes.toByteArray());
    }

    /** One JSON array per metric, in the order the metrics first appear in the batch. */
    private List<Body> arrayBodies(List<Point> points) throws IOException {
        Map<String, List<Point>> byMetric = new LinkedHashMap<>();
        for (Point p : points) {
            byMetric.computeIfAbsent(p.metric(), m -> new ArrayList<>()).add(p);
        }
        List<Body> out = new ArrayList<>();
        for (Map.Entry<String, List<Point>> metric : byMetric.entrySet()) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(metric.getValue().size() * 110);
            try (JsonGenerator gen = Json.MAPPER.getFactory().createGenerator(bytes)) {
                gen.writeStartArray();
                for (Point p : metric.getValue()) {
                    PointJson.write(gen, p);
                }
                gen.writeEndArray();
            }
            out.add(new Body(URI.create(baseUrl + "/metrics/" + metric.getKey() + "/data"), "application/json",
                    bytes.toByteArray()));
        }
        return out;
    }

    @Override
    public Sender connect() {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        return index -> {
            for (Body body : bodies.get(index)) {
                HttpResponse<String> r = client.send(HttpRequest.newBuilder(body.uri())
                        .header("Content-Type", body.contentType())
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body.bytes())).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 201) {
                    throw new IllegalStateException(body.uri() + " answered " + r.statusCode() + ": " + r.body());
                }
            }
        };
    }
}
