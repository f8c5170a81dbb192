package io.meterline.core;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Reads points straight from JSON tokens, without a tree per point: every ingested point is read
 * twice (by the HTTP route, then by the stream), and building Jackson trees was a third of both.
 *
 * <p>Only the common shape is read here: the known fields once each, labels and states as strings,
 * numbers that fit a long or a double. Anything else (an unknown or repeated field, another token
 * type, malformed JSON, an invalid value) makes a read answer {@code null}, and the caller reads
 * the same bytes again with a tree and {@link PointParser}, which accepts the odd-but-valid and
 * words every refusal. So this class decides nothing on its own: it accepts a subset of what
 * {@link PointParser} accepts, with the same validators, and builds equal points
 * ({@code PointReaderTest} holds it to that on seeded mutations of valid points).
 *
 * <p>One reader per request or record: it keeps the last labels and definition it saw, because a
 * series' points come together and share one {@link Labels}.
 */
public final class PointReader {

    /**
     * Without {@code Json.MAPPER}'s strict duplicate detection (a hash set per object): the known
     * fields are counted here, and a repeated label key or bucket bound is a miss. With Jackson's
     * fast double parser (FastDoubleParser: correctly rounded, the same doubles as the JDK's):
     * about a tenth off decoding a record (RecordDecodingBench).
     */
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
            .build();
    private static final int MAX_LABELS = 32;

    private final PointParser parser;
    private final MetricDefinition fixedDefinition;
    private final Function<String, MetricDefinition> definitions;
    private final Instant whenAbsent;

    // the point being read; reset per point
    private final String[] labelKeys = new String[MAX_LABELS];
    private final String[] labelValues = new String[MAX_LABELS];
    private int labelCount;
    private String[] boundKeys = new String[16];
    private long[] counts = new long[16];
    private int bucketCount;

    // the NDJSON body being read line by line, and its parser (null once it lost its place)
    private byte[] lineBody;
    private JsonParser lineParser;

    private boolean lastTextIsARecord;
    private String lastMetric;
    private MetricDefinition lastDefinition;
    private Labels lastLabels;
    private MetricDefinition lastLabelsDefinition;

    private PointReader(PointParser parser, MetricDefinition fixedDefinition,
                        Function<String, MetricDefinition> definitions, Instant whenAbsent) {
        this.parser = parser;
        this.fixedDefinition = fixedDefinition;
        this.definitions = definitions;
        this.whenAbsent = whenAbsent;
    }

    /**
     * For points that name their {@code "metric"}: {@code definitions} answers null for a name it
     * does not know. A point without a timestamp takes {@code whenAbsent}, or the clock when null.
     */
    public static PointReader named(PointParser parser, Function<String, MetricDefinition> definitions,
                                    Instant whenAbsent) {
        return new PointReader(parser, null, definitions, whenAbsent);
    }

    /** For points of one metric (the route names it; a {@code "metric"} field is ignored, as the tree path does). */
    public static PointReader of(PointParser parser, MetricDefinition definition) {
        return new PointReader(parser, definition, null, null);
    }

    /** One JSON object in {@code bytes[offset, offset + length)}, nothing after it; null: read it with a tree. */
    public Point readObject(byte[] bytes, int offset, int length) {
        try (JsonParser p = FACTORY.createParser(bytes, offset, length)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            Point point = point(p);
            return point != null && p.nextToken() == null ? point : null;
        } catch (IOException | RuntimeException e) {
            return null; // malformed, invalid or unusual: the tree path words it
        }
    }

    /**
     * One line of an NDJSON body, {@code body[start, end)} without its line break; the lines of a
     * body are read in order, each once. As {@link #readObject} on the line, and the same answer,
     * but one parser reads the whole body: a parser made per line was two thirds of the bytes a
     * line allocated (its buffers, symbol table and contexts; JFR). A line the body's parser does
     * not read as exactly one point, alone on its line, is read by {@link #readObject}, and so is
     * every line after it.
     */
    public Point readLine(byte[] body, int start, int end) {
        if (body != lineBody) {
            releaseLineParser();
            lineBody = body;
            try {
                lineParser = FACTORY.createParser(body);
            } catch (IOException e) {
                lineParser = null;
            }
        }
        if (lineParser != null) {
            Point point = pointOnLine(start, end);
            if (point != null) {
                return point;
            }
            releaseLineParser(); // the body's parser lost its place: the rest is read line by line
        }
        return readObject(body, start, end - start);
    }

    /** The next object of the body's parser when it lies within {@code [start, end)} with only whitespace after it. */
    private Point pointOnLine(int start, int end) {
        try {
            if (lineParser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            long opening = lineParser.currentTokenLocation().getByteOffset(); // -1 for a body not in UTF-8
            if (opening < start || opening >= end) {
                return null;
            }
            Point point = point(lineParser);
            if (point == null) {
                return null;
            }
            long after = lineParser.currentTokenLocation().getByteOffset() + 1; // past the closing brace
            for (long i = after; i < end; i++) {
                byte b = lineBody[(int) i];
                if (b != ' ' && b != '\t' && b != '\r') {
                    return null;
                }
            }
            return after <= end ? point : null;
        } catch (IOException | RuntimeException e) {
            return null; // malformed, invalid or unusual: readObject reads the line again and answers the same
        }
    }

    /** Whether the body's parser still reads the current NDJSON body (it has not lost its place). */
    boolean readsBodyWhole() {
        return lineParser != null;
    }

    /**
     * Ends the reading of an NDJSON body's lines: the parser kept over it is released (its buffers go
     * back to Jackson's pool), and the next {@link #readLine} starts a body anew, even the same one.
     */
    public void closeLineParser() {
        releaseLineParser();
        lineBody = null;
    }

    private void releaseLineParser() {
        if (lineParser != null) {
            try {
                lineParser.close();
            } catch (IOException e) {
                // a parser over a byte array has nothing to fail on close
            }
            lineParser = null;
        }
    }

    /**
     * A point or a non-empty array of at most {@link Limits#maxPointsPerArray()} points, nothing
     * after it; null: read it with a tree.
     */
    public List<Point> readPoints(byte[] bytes, int offset, int length) {
        try (JsonParser p = FACTORY.createParser(bytes, offset, length)) {
            JsonToken first = p.nextToken();
            if (first == JsonToken.START_OBJECT) {
                Point point = point(p);
                return point != null && p.nextToken() == null ? List.of(point) : null;
            }
            if (first != JsonToken.START_ARRAY) {
                return null;
            }
            List<Point> points = new ArrayList<>();
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.START_OBJECT) {
                Point point = points.size() < parser.limits().maxPointsPerArray() ? point(p) : null;
                if (point == null) {
                    return null;
                }
                points.add(point);
            }
            return t == JsonToken.END_ARRAY && !points.isEmpty() && p.nextToken() == null ? points : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * Whether the point just read named its metric and carried its own timestamp: then its text,
     * as it came, is what a record on the points topic holds (one without a timestamp takes the
     * clock here, which the text doesn't say).
     */
    public boolean lastTextIsARecord() {
        return lastTextIsARecord;
    }

    private static final int METRIC = 1;
    private static final int LABELS = 2;
    private static final int VALUE = 4;
    private static final int TIMESTAMP = 8;
    private static final int BUCKETS = 16;

    /** The object's fields up to its end; null when a field is unknown, repeated or of another kind. */
    private Point point(JsonParser p) throws IOException {
        int seen = 0;
        String metric = null;
        JsonToken value = null;
        JsonToken timestamp = null;
        double number = 0;
        String text = null;
        double millis = 0;
        String timeText = null;
        labelCount = 0;
        bucketCount = 0;
        lastTextIsARecord = false;
        for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
            JsonToken t = p.nextToken();
            int field = switch (name) {
                case "metric" -> METRIC;
                case "labels" -> LABELS;
                case "value" -> VALUE;
                case "timestamp" -> TIMESTAMP;
                case "buckets" -> BUCKETS;
                default -> 0;
            };
            if (field == 0 || (seen & field) != 0) {
                return null;
            }
            seen |= field;
            switch (field) {
                case METRIC -> {
                    if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                        return null; // skipping it would not check its keys for duplicates, as the tree does
                    }
                    if (fixedDefinition != null) {
                        p.skipChildren();
                    } else if (t == JsonToken.VALUE_STRING) {
                        metric = p.getText();
                    } else {
                        return null;
                    }
                }
                case LABELS -> {
                    if (t != JsonToken.VALUE_NULL && (t != JsonToken.START_OBJECT || !readLabels(p))) {
                        return null;
                    }
                }
                case VALUE -> {
                    value = scalar(p, t);
                    if (value == null) {
                        return null;
                    }
                    if (value == JsonToken.VALUE_STRING) {
                        text = p.getText();
                    } else if (value != JsonToken.VALUE_NULL) {
                        number = p.getDoubleValue();
                    }
                }
                case TIMESTAMP -> {
                    timestamp = scalar(p, t);
                    if (timestamp == null) {
                        return null;
                    }
                    if (timestamp == JsonToken.VALUE_STRING) {
                        timeText = p.getText();
                    } else if (timestamp != JsonToken.VALUE_NULL) {
                        millis = p.getDoubleValue();
                    }
                }
                default -> {
                    if (t != JsonToken.START_OBJECT || !readBuckets(p)) {
                        return null;
                    }
                }
            }
        }
        MetricDefinition def = definition(metric);
        if (def == null) {
            return null;
        }
        // the same checks in the same order as PointParser.parse
        Labels labels = labels(def);
        lastTextIsARecord = metric != null && timestamp != null && timestamp != JsonToken.VALUE_NULL;
        Instant time = timestamp == null || timestamp == JsonToken.VALUE_NULL
                ? (whenAbsent != null ? whenAbsent : parser.now())
                : parser.acceptedTime(timestamp == JsonToken.VALUE_STRING
                        ? TimeParser.parse(timeText) : TimeParser.fromEpochMillis(millis));
        return switch (def.type()) {
            case GAUGE -> isNumber(value)
                    ? new Point.Gauge(def.name(), labels, time, PointParser.finiteValue(number)) : null;
            case ENUM -> value == JsonToken.VALUE_STRING
                    ? new Point.EnumSample(def.name(), labels, time, PointParser.knownState(text, def)) : null;
            case HISTOGRAM -> (seen & BUCKETS) != 0 && (value == null || value == JsonToken.VALUE_NULL || isNumber(value))
                    ? new Point.Histogram(def.name(), labels, time, buckets(def),
                            isNumber(value) ? PointParser.finiteSum(number) : null)
                    : null;
        };
    }

    /** The token when it is a string, null, or a number that fits a long or a double; null otherwise. */
    private static JsonToken scalar(JsonParser p, JsonToken t) throws IOException {
        return switch (t) {
            case VALUE_STRING, VALUE_NULL -> t;
            case VALUE_NUMBER_INT -> p.getNumberType() == JsonParser.NumberType.BIG_INTEGER ? null : t;
            case VALUE_NUMBER_FLOAT -> p.getNumberType() == JsonParser.NumberType.DOUBLE ? t : null;
            default -> null;
        };
    }

    private static boolean isNumber(JsonToken t) {
        return t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT;
    }

    private MetricDefinition definition(String metric) {
        if (fixedDefinition != null) {
            return fixedDefinition;
        }
        if (metric == null) {
            return null;
        }
        if (!metric.equals(lastMetric)) {
            lastDefinition = definitions.apply(metric);
            lastMetric = metric;
        }
        return lastDefinition;
    }

    private boolean readLabels(JsonParser p) throws IOException {
        for (String key = p.nextFieldName(); key != null; key = p.nextFieldName()) {
            if (p.nextToken() != JsonToken.VALUE_STRING || labelCount == MAX_LABELS
                    || indexOf(labelKeys, labelCount, key) >= 0) {
                return false;
            }
            labelKeys[labelCount] = key;
            labelValues[labelCount] = text(p, lastLabels == null ? null : lastLabels.get(key));
            labelCount++;
        }
        return true;
    }

    /** The string token's text; {@code known} itself when it holds the same characters (no new String). */
    private static String text(JsonParser p, String known) throws IOException {
        if (known != null && known.length() == p.getTextLength()) {
            char[] chars = p.getTextCharacters();
            int from = p.getTextOffset();
            int i = 0;
            while (i < known.length() && known.charAt(i) == chars[from + i]) {
                i++;
            }
            if (i == known.length()) {
                return known;
            }
        }
        return p.getText();
    }

    private Labels labels(MetricDefinition def) {
        List<String> keys = def.labelKeys();
        if (labelCount != keys.size()) {
            throw PointParser.notExactlyTheKeys(def);
        }
        boolean sameAsLast = lastLabelsDefinition == def;
        for (String key : keys) {
            int i = indexOf(labelKeys, labelCount, key);
            if (i < 0) {
                throw PointParser.notExactlyTheKeys(def);
            }
            sameAsLast = sameAsLast && labelValues[i].equals(lastLabels.get(key));
        }
        if (sameAsLast) {
            return lastLabels; // validated for this definition a point ago
        }
        TreeMap<String, String> values = new TreeMap<>();
        for (String key : keys) {
            values.put(key, parser.labelValue(key, labelValues[indexOf(labelKeys, labelCount, key)]));
        }
        lastLabels = new Labels(values);
        lastLabelsDefinition = def;
        return lastLabels;
    }

    private boolean readBuckets(JsonParser p) throws IOException {
        for (String key = p.nextFieldName(); key != null; key = p.nextFieldName()) {
            JsonToken t = p.nextToken();
            if (t != JsonToken.VALUE_NUMBER_INT || p.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                    || indexOf(boundKeys, bucketCount, key) >= 0) {
                return false; // a repeated key too: the tree refuses it, whatever the metric's kind
            }
            if (bucketCount == boundKeys.length) {
                boundKeys = Arrays.copyOf(boundKeys, bucketCount * 2);
                counts = Arrays.copyOf(counts, bucketCount * 2);
            }
            boundKeys[bucketCount] = key;
            counts[bucketCount] = p.getLongValue();
            bucketCount++;
        }
        return bucketCount > 0;
    }

    private HistogramBuckets buckets(MetricDefinition def) {
        TreeMap<Double, Long> byBound = new TreeMap<>();
        for (int i = 0; i < bucketCount; i++) {
            double bound = PointParser.bucketBound(boundKeys[i], def);
            if (byBound.put(bound, PointParser.bucketCount(boundKeys[i], counts[i])) != null) {
                throw PointParser.boundTwice(boundKeys[i]);
            }
        }
        return new HistogramBuckets(byBound);
    }

    private static int indexOf(String[] keys, int count, String key) {
        for (int i = 0; i < count; i++) {
            if (keys[i].equals(key)) {
                return i;
            }
        }
        return -1;
    }
}
