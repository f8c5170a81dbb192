package io.meterline.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stop (SIGTERM runs the same close) while a request is in flight: the request is answered and
 * its points are stored, rather than the connection cut under a batch that the stream then stores
 * anyway (the client, seeing no answer, would send it again).
 */
class GracefulStopIT {

    private static final int POINTS = 1_000;

    @TempDir
    Path dir;

    @Test
    void aBatchInFlightWhenTheServerStopsIsAnsweredAndStored() throws Exception {
        Application app = new Application(AppConfig.from(new String[] {"--port", "0", "--data-dir",
                dir.resolve("data").toString()}, Map.of()), Clock.systemUTC());
        CompletableFuture<Void> closing = null;
        try {
            Http http = new Http(app.httpPort());
            assertThat(http.post("/metrics", "{\"name\":\"g\",\"type\":\"gauge\",\"label_keys\":[\"host\"]}").status())
                    .isEqualTo(201);
            long start = System.currentTimeMillis() - 2 * 3_600_000L; // well inside the raw retention, whenever this runs
            StringBuilder lines = new StringBuilder();
            for (int i = 0; i < POINTS; i++) {
                lines.append("{\"metric\":\"g\",\"labels\":{\"host\":\"a\"},\"value\":").append(i)
                        .append(",\"timestamp\":").append(start + i * 1_000L).append("}\n");
            }
            byte[] body = lines.toString().getBytes(StandardCharsets.UTF_8);
            int first = body.length - 10; // enough bytes that the pause keeps it above Jetty's minimum rate
            try (Socket socket = new Socket("127.0.0.1", app.httpPort())) {
                socket.setSoTimeout(20_000);
                OutputStream out = socket.getOutputStream();
                out.write(("POST /data HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-ndjson\r\n"
                        + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(body, 0, first); // the request is in the handler, reading its body
                out.flush();
                Thread.sleep(200);
                closing = CompletableFuture.runAsync(app::close);
                // the server is stopping, waiting for this request (a client silent for over a second would be cut)
                Thread.sleep(300);
                assertThat(closing).isNotDone();
                out.write(body, first, body.length - first);
                out.flush();
                InputStream in = socket.getInputStream();
                String answer = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
                assertThat(answer).isEqualTo("HTTP/1.1 201");
            }
            closing.join();
        } finally {
            if (closing == null) {
                app.close();
            }
        }
        // acknowledged means stored: a restart on the folder reads both points
        try (Application again = new Application(AppConfig.from(new String[] {"--port", "0", "--data-dir",
                dir.resolve("data").toString()}, Map.of()), Clock.systemUTC())) {
            Http http = new Http(again.httpPort());
            Await.until(() -> http.get("/metrics/g/data").json().size() == POINTS);
        }
    }
}
