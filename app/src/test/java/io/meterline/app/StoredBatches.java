package io.meterline.app;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;

/**
 * For load tests whose points carry their batch number as the value: every stored point of a
 * metric, paged through the raw history, counted per batch. A lost point leaves its batch short,
 * a duplicate pushes it past its size.
 */
final class StoredBatches {

    private StoredBatches() {
    }

    /** A JSON batch of {@code size} gauge points with value {@code batch}, each at its own time (hosts h0..h4). */
    static String body(long batch, int size, java.time.Instant t0) {
        StringBuilder body = new StringBuilder("[");
        for (int i = 0; i < size; i++) {
            body.append(i == 0 ? "" : ",").append("{\"labels\":{\"host\":\"h").append(i % 5).append("\"},\"value\":")
                    .append(batch).append(",\"timestamp\":").append(t0.plusSeconds(batch).plusMillis(i).toEpochMilli())
                    .append('}');
        }
        return body.append(']').toString();
    }

    static Map<Long, Integer> count(Http http, String metric) {
        Map<Long, Integer> perBatch = new HashMap<>();
        String first = "/metrics/" + metric + "/data?limit=100000";
        String path = first;
        while (true) {
            Http.Response page = http.get(path);
            for (JsonNode p : page.json()) {
                perBatch.merge(p.get("value").asLong(), 1, Integer::sum);
            }
            String next = page.header("X-Next-Start-Time");
            if (next == null) {
                return perBatch;
            }
            path = first + "&start_time=" + next;
        }
    }
}
