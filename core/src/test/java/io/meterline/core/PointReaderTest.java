package io.meterline.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The streaming reader against the tree path it stands in for: whatever it reads, the tree path
 * reads as an equal point; whatever it leaves (null), the tree path decides. Checked on seeded
 * mutations of valid points, read one after another by one reader, as a request's lines are.
 */
class PointReaderTest {

    static final Instant NOW = PointParserTest.NOW;
    static final Instant RECORD_TIME = NOW.minusSeconds(30);
    static final Map<String, MetricDefinition> DEFINITIONS = Map.of("cpu", PointParserTest.CPU,
            "status", PointParserTest.STATUS, "latency", PointParserTest.LATENCY);
    final PointParser parser = new PointParser(Limits.DEFAULTS, Clock.fixed(NOW, ZoneOffset.UTC));

    static final String[] BASES = {
        "{'metric':'cpu','labels':{'host':'a','region':'eu'},'value':1.5,'timestamp':1795172400000}",
        "{'labels':{'region':'eu','host':'a'},'metric':'cpu','value':-2,'timestamp':'2026-11-20T11:00:00.123Z'}",
        "{'metric':'cpu','labels':{'host':'Zürich-東京-\\ud83d\\ude00','region':'e\\\"u\\n'},'value':1e-3}",
        "{'metric':'cpu','labels':{'host':'b','region':'eu'},'value':123456789012,'timestamp':null}",
        "{'metric':'status','labels':{},'value':'OK','timestamp':1795172390000}",
        "{'metric':'status','value':'DOWN','labels':null}",
        "{'metric':'latency','buckets':{'10':1,'100':2,'+Inf':3},'value':4.5,'timestamp':1795172390000}",
        "{'metric':'latency','labels':{},'buckets':{'+inf':0,'1e1':7}}",
    };

    static final String[] PIECES = {
        "'x'", ",", ":", "null", "true", "1e400", "-0.0", "1.5", "0", "-1", "123456789012345678901234567890",
        "'\\u0000'", "'\\ud800'", "''", "{", "}", "[", "]", "'value':2", "'labels':{}", "'metric':'cpu'",
        "'metric':'nope'", "'timestamp':'2026-11-20T11:00:00Z'", "'timestamp':1.5", "'timestamp':-5",
        "'timestamp':'2020-01-01T00:00:00Z'", "'timestamp':1895172400000", "'+Inf':1", "'10':-1", "'10.0':1",
        "'5':1", "'host':'a'", "'host':'b'", "'region':'eu'", "'dc':'x'", "'buckets':{'10':1}", "'OK'", "'MAYBE'",
        "'extra':[1]", "1.7976931348623157E308", "9223372036854775808", "'x\\u00e9'",
    };

    @Test
    void readsWhatTheTreeReadsAndLeavesTheRestToIt() throws Exception {
        Random random = new Random(20261128);
        PointReader reader = PointReader.named(parser, DEFINITIONS::get, RECORD_TIME);
        int read = 0;
        int left = 0;
        for (int i = 0; i < 40_000; i++) {
            String text = mutated(BASES[random.nextInt(BASES.length)], random);
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            Point fast = reader.readObject(bytes, 0, bytes.length);
            Object tree = tree(text);
            if (fast != null) {
                assertThat(tree).as(text).isEqualTo(fast);
                read++;
            } else {
                left++;
            }
        }
        // both branches well exercised, or the comparison proves little
        assertThat(read).isGreaterThan(8_000);
        assertThat(left).isGreaterThan(8_000);
    }

    /**
     * An NDJSON body's lines read by one parser over the body ({@code readLine}) against each line
     * read alone ({@code readObject}): the same point or the same null, and the same text verdict,
     * line by line. Bodies mix clean lines, whitespace around and between them, edited lines, two
     * objects on a line and an object broken over two lines.
     */
    @Test
    void aBodysLinesReadByOneParserAnswerAsEachLineReadAlone() {
        Random random = new Random(20261129);
        int cleanBodies = 0;
        for (int b = 0; b < 2_000; b++) {
            StringBuilder body = new StringBuilder(random.nextInt(50) == 0 ? "\ufeff" : "");
            boolean clean = b % 2 == 0;
            int lines = 1 + random.nextInt(40);
            for (int l = 0; l < lines; l++) {
                String base = json(BASES[random.nextInt(BASES.length)]);
                String line = switch (clean ? 0 : random.nextInt(12)) {
                    case 1 -> mutated(BASES[random.nextInt(BASES.length)], random);
                    case 2 -> base + " " + base;
                    case 3 -> base.substring(0, base.indexOf(',') + 1) + "\n" + base.substring(base.indexOf(',') + 1);
                    case 4 -> " \t" + base + "\t \r";
                    case 5 -> "";
                    default -> base;
                };
                body.append(line).append(random.nextInt(5) == 0 ? "\r\n" : "\n");
            }
            byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
            PointReader whole = PointReader.named(parser, DEFINITIONS::get, RECORD_TIME);
            PointReader alone = PointReader.named(parser, DEFINITIONS::get, RECORD_TIME);
            for (int start = 0; start < bytes.length; ) {
                int end = start;
                while (end < bytes.length && bytes[end] != '\n') {
                    end++;
                }
                int next = end + 1;
                if (end > start && bytes[end - 1] == '\r') {
                    end--;
                }
                String text = new String(bytes, start, end - start, StandardCharsets.UTF_8);
                if (!text.isBlank()) {
                    Point expected = alone.readObject(bytes, start, end - start);
                    assertThat(whole.readLine(bytes, start, end)).as(text).isEqualTo(expected);
                    assertThat(whole.lastTextIsARecord()).as(text).isEqualTo(alone.lastTextIsARecord());
                }
                start = next;
            }
            if (clean && bytes[0] == '{') {
                // a body of plain lines is read to its end by the one parser, never line by line
                assertThat(whole.readsBodyWhole()).isTrue();
                cleanBodies++;
            }
            whole.closeLineParser();
        }
        assertThat(cleanBodies).isGreaterThan(900);
    }

    @Test
    void readsEveryValidShapeWithoutTheTree() {
        PointReader reader = PointReader.named(parser, DEFINITIONS::get, RECORD_TIME);
        for (String base : BASES) {
            byte[] bytes = json(base).getBytes(StandardCharsets.UTF_8);
            assertThat(reader.readObject(bytes, 0, bytes.length)).as(base).isEqualTo(tree(json(base)));
        }
    }

    @Test
    void seriesPointsShareOneLabelsAndANewValueGetsItsOwn() {
        PointReader reader = PointReader.named(parser, DEFINITIONS::get, RECORD_TIME);
        Point a = readOne(reader, "{'metric':'cpu','labels':{'host':'a','region':'eu'},'value':1}");
        Point b = readOne(reader, "{'metric':'cpu','labels':{'region':'eu','host':'a'},'value':2}");
        Point c = readOne(reader, "{'metric':'cpu','labels':{'host':'a','region':'us'},'value':3}");
        assertThat(b.labels()).isSameAs(a.labels());
        assertThat(c.labels().values()).isEqualTo(Map.of("host", "a", "region", "us"));
    }

    @Test
    void arraysAreReadWholeOrLeftWhole() throws Exception {
        Random random = new Random(7);
        for (int i = 0; i < 5_000; i++) {
            StringBuilder array = new StringBuilder("[");
            int n = 1 + random.nextInt(4);
            for (int j = 0; j < n; j++) {
                String base = BASES[random.nextInt(BASES.length)];
                array.append(j == 0 ? "" : ",").append(random.nextInt(4) == 0 ? mutated(base, random) : json(base));
            }
            String text = array.append(']').toString();
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            List<Point> fast = PointReader.named(parser, DEFINITIONS::get, RECORD_TIME).readPoints(bytes, 0, bytes.length);
            if (fast != null) {
                assertThat(treeArray(text)).as(text).isEqualTo(fast);
            }
        }
        byte[] empty = "[]".getBytes(StandardCharsets.UTF_8);
        assertThat(PointReader.named(parser, DEFINITIONS::get, null).readPoints(empty, 0, 2)).isNull();
    }

    @Test
    void aFixedMetricIgnoresTheMetricFieldAsTheTreeDoes() throws Exception {
        PointReader reader = PointReader.of(parser, PointParserTest.CPU);
        byte[] bytes = json("[{'metric':42,'labels':{'host':'a','region':'eu'},'value':1}]")
                .getBytes(StandardCharsets.UTF_8);
        List<Point> points = reader.readPoints(bytes, 0, bytes.length);
        assertThat(points).containsExactly(parser.parse(
                Json.MAPPER.readTree(json("{'labels':{'host':'a','region':'eu'},'value':1}")), PointParserTest.CPU));
        assertThat(points.get(0).timestamp()).isEqualTo(NOW);
    }

    /** What Meterline writes to Kafka (labels as their canonical text, fast doubles) reads back as the same point. */
    @Test
    void recordTextReadsBackAsTheSamePointWhateverTheLabels() throws Exception {
        Random random = new Random(11);
        String[] alphabet = {"a", "Z", "\"", "\\", "\n", "\r", "\t", "\b", "\f", "\u0001", "\u001f", "\u007f",
            "\u2028", "é", "東", "\ud83d\ude00", "/", "'", " "};
        for (int i = 0; i < 2_000; i++) {
            StringBuilder host = new StringBuilder();
            for (int c = 1 + random.nextInt(6); c > 0; c--) {
                host.append(alphabet[random.nextInt(alphabet.length)]);
            }
            Instant t = NOW.minusMillis(random.nextInt(1_000_000_000));
            Point point = new Point.Gauge("cpu", Labels.of(Map.of("host", host.toString(), "region", "eu")), t,
                    random.nextGaussian() * Math.pow(10, random.nextInt(40) - 20));
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            try (var out = Json.MAPPER.getFactory().createGenerator(bytes)) {
                out.enable(com.fasterxml.jackson.core.JsonGenerator.Feature.USE_FAST_DOUBLE_WRITER);
                PointJson.writeRecord(out, point);
            }
            byte[] record = bytes.toByteArray();
            PointReader reader = PointReader.named(parser, DEFINITIONS::get, null);
            assertThat(reader.readPoints(record, 0, record.length)).containsExactly(point);
            assertThat(tree(new String(record, StandardCharsets.UTF_8))).isEqualTo(point);
        }
    }

    /** Found by review: inputs the tree refuses that the reader took before these checks. */
    @Test
    void repeatedKeysAnywhereAreLeftToTheTree() {
        byte[] gaugeWithBuckets = json("{'metric':'cpu','labels':{'host':'a','region':'eu'},'value':1,"
                + "'buckets':{'a':1,'a':2}}").getBytes(StandardCharsets.UTF_8);
        assertThat(tree(new String(gaugeWithBuckets, StandardCharsets.UTF_8))).isInstanceOf(String.class);
        assertThat(PointReader.named(parser, DEFINITIONS::get, null).readObject(gaugeWithBuckets, 0, gaugeWithBuckets.length))
                .isNull();
        byte[] nestedMetric = json("[{'metric':{'x':1,'x':2},'labels':{'host':'a','region':'eu'},'value':1}]")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(PointReader.of(parser, PointParserTest.CPU).readPoints(nestedMetric, 0, nestedMetric.length)).isNull();
    }

    /** Texts are joined byte by byte into records: only a plain UTF-8 object slice may be. */
    @Test
    void onlyAPlainObjectSliceIsAPointText() {
        byte[] bom = "\uFEFF{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        assertThat(PointText.ofObject(bom, 0, bom.length)).isNull();
        assertThat(PointText.ofObject(bom, 3, bom.length - 3)).isNotNull();
        byte[] utf16 = "{\"a\":1}".getBytes(StandardCharsets.UTF_16LE);
        assertThat(PointText.ofObject(utf16, 0, utf16.length)).isNull();
        byte[] spaced = " {\"a\":1} ".getBytes(StandardCharsets.UTF_8);
        assertThat(PointText.ofObject(spaced, 0, spaced.length)).isNull();
    }

    private Point readOne(PointReader reader, String text) {
        byte[] bytes = json(text).getBytes(StandardCharsets.UTF_8);
        return reader.readObject(bytes, 0, bytes.length);
    }

    /** The tree path's answer: a point, or the refusal's message. */
    private Object tree(String text) {
        try {
            JsonNode node = Json.MAPPER.readTree(text);
            if (node == null || !node.isObject() || !node.path("metric").isTextual()) {
                return "not a point";
            }
            MetricDefinition def = DEFINITIONS.get(node.get("metric").textValue());
            return def == null ? "unknown metric" : parser.parse(node, def, RECORD_TIME);
        } catch (Exception e) {
            return e.getMessage();
        }
    }

    private Object treeArray(String text) throws Exception {
        List<Object> points = new ArrayList<>();
        for (JsonNode node : Json.MAPPER.readTree(text)) {
            points.add(tree(node.toString()));
        }
        return points;
    }

    private static String json(String quoted) {
        return quoted.replace('\'', '"');
    }

    /** A valid point with zero to three random edits: a character dropped, or a piece inserted or swapped in. */
    private static String mutated(String base, Random random) {
        StringBuilder text = new StringBuilder(json(base));
        int edits = random.nextInt(4);
        for (int e = 0; e < edits && text.length() > 0; e++) {
            int at = random.nextInt(text.length());
            String piece = json(PIECES[random.nextInt(PIECES.length)]);
            switch (random.nextInt(3)) {
                case 0 -> text.deleteCharAt(at);
                case 1 -> text.insert(at, piece);
                default -> {
                    int end = Math.min(text.length(), at + 1 + random.nextInt(8));
                    text.replace(at, end, piece);
                }
            }
        }
        return text.toString();
    }
}
