package io.meterline.bench.jmh;

import com.fasterxml.jackson.databind.JsonNode;
import io.meterline.core.Json;
import io.meterline.core.Limits;
import io.meterline.core.Point;
import io.meterline.core.PointParser;
import io.meterline.core.PointReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** What the HTTP API does per point of a batch: JSON text to a validated point. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class PointValidationBench {

    private static final String POINT =
            "{\"labels\":{\"host\":\"host-0042\",\"region\":\"eu-west\"},\"value\":42.5,\"timestamp\":\"2026-11-01T00:00:10Z\"}";

    private static final byte[] LINE = ("{\"metric\":\"cpu\"," + POINT.substring(1)).getBytes(StandardCharsets.UTF_8);

    private PointParser parser;
    private JsonNode tree;
    private PointReader reader;
    private byte[] body;
    private int[] bodyLines; // where each line starts, and the body's end

    @Setup
    public void setUp() throws IOException {
        parser = new PointParser(Limits.DEFAULTS, Clock.fixed(Instant.parse("2026-11-20T00:00:00Z"), ZoneOffset.UTC));
        tree = Json.MAPPER.readTree(POINT);
        reader = PointReader.named(parser, name -> HotPathFixtures.CPU, null);
        StringBuilder text = new StringBuilder();
        bodyLines = new int[1_001];
        for (int i = 0; i < 1_000; i++) {
            bodyLines[i] = text.length();
            text.append("{\"metric\":\"cpu\",\"labels\":{\"host\":\"host-").append(i / 100)
                    .append("\",\"region\":\"eu-west\"},\"value\":").append(i % 97 * 1.25)
                    .append(",\"timestamp\":").append(1_793_577_600_000L + i % 100 * 10_000L).append("}\n");
        }
        bodyLines[1_000] = text.length();
        body = text.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Benchmark
    public Point parseTextAndValidate() throws IOException {
        return parser.parse(Json.MAPPER.readTree(POINT), HotPathFixtures.CPU);
    }

    /**
     * The NDJSON route's way since 95cc687: tokens straight to a validated point, no tree. One reader
     * for all lines, as for the lines of one request (a series' lines share their Labels).
     */
    @Benchmark
    public Point readLineWithoutTree() {
        return reader.readObject(LINE, 0, LINE.length);
    }

    /**
     * An NDJSON body of 1,000 lines as the peer harness sends them (10 series of 100 points, epoch
     * milliseconds), read with one parser per line: bodies per second, × 1,000 for lines.
     */
    @Benchmark
    public int readBodyOf1000LinesParserPerLine() {
        int read = 0;
        for (int i = 0; i + 1 < bodyLines.length; i++) {
            read += reader.readObject(body, bodyLines[i], bodyLines[i + 1] - 1 - bodyLines[i]) != null ? 1 : 0;
        }
        return read;
    }

    /** The same body read with one parser over it (PointReader.readLine, the NDJSON route's way since session 11). */
    @Benchmark
    public int readBodyOf1000LinesOneParser() {
        int read = 0;
        for (int i = 0; i + 1 < bodyLines.length; i++) {
            read += reader.readLine(body, bodyLines[i], bodyLines[i + 1] - 1) != null ? 1 : 0;
        }
        reader.closeLineParser();
        return read;
    }

    @Benchmark
    public Point validateParsedTree() {
        return parser.parse(tree, HotPathFixtures.CPU);
    }
}
