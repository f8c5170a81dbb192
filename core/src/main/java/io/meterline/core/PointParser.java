package io.meterline.core;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns one JSON point into a validated {@link Point} of a known metric, or says in one sentence
 * why it can't. HTTP ingestion and the stream share it, so both refuse the same things.
 */
public final class PointParser {

    private final Limits limits;
    private final Clock clock;

    public PointParser(Limits limits, Clock clock) {
        this.limits = limits;
        this.clock = clock;
    }

    public Limits limits() {
        return limits;
    }

    /** Parses a point; one without a timestamp takes the server's clock. */
    public Point parse(JsonNode node, MetricDefinition def) {
        return parse(node, def, null);
    }

    /**
     * Parses a point; one without a timestamp takes {@code whenAbsent} (the stream passes the Kafka
     * record's time, so a replay yields the same point), or the clock when that is null.
     */
    public Point parse(JsonNode node, MetricDefinition def, Instant whenAbsent) {
        if (node == null || !node.isObject()) {
            throw new InvalidInputException("a point must be a JSON object.");
        }
        Labels labels = labels(node.get("labels"), def);
        Instant timestamp = timestamp(node.get("timestamp"), whenAbsent);
        return switch (def.type()) {
            case GAUGE -> new Point.Gauge(def.name(), labels, timestamp, gaugeValue(node.get("value")));
            case ENUM -> new Point.EnumSample(def.name(), labels, timestamp, state(node.get("value"), def));
            case HISTOGRAM -> new Point.Histogram(def.name(), labels, timestamp,
                    buckets(node.get("buckets"), def), optionalSum(node.get("value")));
        };
    }

    /**
     * The definition, label object and Labels of the last point parsed on this thread. Points come
     * in runs of one series (a Kafka record holds one series; producers write a series' points
     * together), and handing the whole run one Labels lets its canonical text, which storage and
     * rollups key by, be computed once instead of per point.
     */
    private static final ThreadLocal<Object[]> LAST_LABELS = ThreadLocal.withInitial(() -> new Object[3]);

    private Labels labels(JsonNode node, MetricDefinition def) {
        if (node == null || node.isNull()) {
            node = Json.MAPPER.createObjectNode();
        }
        Object[] last = LAST_LABELS.get();
        if (last[0] == def && node.equals(last[1])) {
            return (Labels) last[2]; // the same label object was valid a moment ago
        }
        Labels labels = validLabels(node, def);
        last[0] = def;
        last[1] = node;
        last[2] = labels;
        return labels;
    }

    static InvalidInputException notExactlyTheKeys(MetricDefinition def) {
        return new InvalidInputException("Labels must contain exactly these keys: " + def.labelKeysText());
    }

    private Labels validLabels(JsonNode node, MetricDefinition def) {
        if (!node.isObject() || node.size() != def.labelKeys().size()) {
            throw notExactlyTheKeys(def);
        }
        Map<String, String> values = new TreeMap<>();
        for (String key : def.labelKeys()) {
            JsonNode value = node.get(key);
            if (value == null) {
                throw notExactlyTheKeys(def);
            }
            values.put(key, labelValue(key, value.isTextual() ? value.textValue() : null));
        }
        return new Labels(values);
    }

    /** Longer than max characters, as people count them: an emoji outside the BMP is one, not two UTF-16 units. */
    private static boolean tooLong(String value, int max) {
        return value.length() > max && value.codePointCount(0, value.length()) > max;
    }

    /** A label's value when it is valid (a non-empty string of plain text, not too long); null means not a string. */
    String labelValue(String key, String value) {
        if (value == null || value.isEmpty() || tooLong(value, limits.maxLabelValueLength())) {
            throw new InvalidInputException("label '" + key + "' must be a non-empty string of at most "
                    + limits.maxLabelValueLength() + " characters.");
        }
        if (!isPlainText(value)) {
            throw new InvalidInputException("label '" + key + "' must not hold NUL characters or unpaired surrogates.");
        }
        return value;
    }

    /**
     * No unpaired surrogate (it has no UTF-8 form: storage would keep a replacement character,
     * not what was sent) and no NUL (C strings end there). Newlines, tabs and quotes are fine:
     * CSV quotes them and JSON escapes them.
     */
    private static boolean isPlainText(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0) {
                return false;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    private Instant timestamp(JsonNode node, Instant whenAbsent) {
        if (node == null || node.isNull()) {
            return whenAbsent != null ? whenAbsent : clock.instant();
        }
        if (node.isTextual()) {
            return acceptedTime(TimeParser.parse(node.textValue()));
        }
        if (node.isNumber()) {
            return acceptedTime(TimeParser.fromEpochMillis(node.doubleValue()));
        }
        throw new InvalidInputException(TimeParser.INVALID_FORMAT);
    }

    /** A given timestamp when some tier would keep it and it is not too far ahead of the clock. */
    Instant acceptedTime(Instant t) {
        Instant now = clock.instant();
        if (t.isBefore(Instant.EPOCH)) {
            throw new InvalidInputException("timestamp " + TimeParser.format(t) + " is before 1970.");
        }
        if (t.isBefore(now.minus(limits.maxAge()))) {
            throw new InvalidInputException("timestamp " + TimeParser.format(t) + " is older than the longest retention ("
                    + limits.maxAge().toDays() + " days): no tier would keep it.");
        }
        if (t.isAfter(now.plus(limits.maxFutureSkew()))) {
            throw new InvalidInputException("timestamp " + TimeParser.format(t)
                    + " is more than " + limits.maxFutureSkew().toHours() + " hours ahead of the server's clock.");
        }
        return t;
    }

    Instant now() {
        return clock.instant();
    }

    private static double gaugeValue(JsonNode node) {
        if (node == null || !node.isNumber()) {
            throw new InvalidInputException("value must be a number for a gauge metric.");
        }
        return finiteValue(node.doubleValue());
    }

    static double finiteValue(double value) {
        if (!Double.isFinite(value)) {
            throw new InvalidInputException("value must be a finite number.");
        }
        return value;
    }

    private static String state(JsonNode node, MetricDefinition def) {
        return knownState(node != null && node.isTextual() ? node.textValue() : null, def);
    }

    /** An enum point's state when the metric knows it; null means the value was not a string. */
    static String knownState(String state, MetricDefinition def) {
        if (state == null || state.isEmpty()) {
            throw new InvalidInputException("value must be a non-empty state string for an enum metric.");
        }
        if (!isPlainText(state)) { // as a label value: CSV and storage have no form for it
            throw new InvalidInputException("value must not hold NUL characters or unpaired surrogates.");
        }
        if (def.states() != null && !def.states().contains(state)) {
            throw new InvalidInputException("state '" + state + "' is not one of the metric's states: "
                    + quoted(def.states()) + ".");
        }
        return state;
    }

    private static Double optionalSum(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isNumber()) {
            throw notAFiniteSum();
        }
        return finiteSum(node.doubleValue());
    }

    static double finiteSum(double sum) {
        if (!Double.isFinite(sum)) {
            throw notAFiniteSum();
        }
        return sum;
    }

    private static InvalidInputException notAFiniteSum() {
        return new InvalidInputException("value (the sum of the observations) must be a finite number.");
    }

    static InvalidInputException noBuckets() {
        return new InvalidInputException(
                "buckets must be a non-empty object from upper bound to count, e.g. {\"10\": 3, \"+Inf\": 0}.");
    }

    private static HistogramBuckets buckets(JsonNode node, MetricDefinition def) {
        if (node == null || !node.isObject() || node.isEmpty()) {
            throw noBuckets();
        }
        TreeMap<Double, Long> counts = new TreeMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            double bound = bucketBound(field.getKey(), def);
            JsonNode count = field.getValue();
            if (!count.isIntegralNumber() || !count.canConvertToLong()) {
                throw notACount(field.getKey());
            }
            if (counts.put(bound, bucketCount(field.getKey(), count.longValue())) != null) {
                throw boundTwice(field.getKey());
            }
        }
        return new HistogramBuckets(counts);
    }

    /** A bucket key as its upper bound, when it is one of the metric's bounds. */
    static double bucketBound(String key, MetricDefinition def) {
        double bound;
        try {
            bound = HistogramBuckets.parseBound(key);
        } catch (NumberFormatException e) {
            throw new InvalidInputException("bucket bound '" + key + "' must be a number or +Inf.");
        }
        if (def.buckets() != null && !def.buckets().contains(bound)) {
            throw new InvalidInputException("bucket bound '" + key + "' is not one of the metric's buckets.");
        }
        return bound;
    }

    static long bucketCount(String key, long count) {
        if (count < 0) {
            throw notACount(key);
        }
        return count;
    }

    private static InvalidInputException notACount(String key) {
        return new InvalidInputException("bucket '" + key + "' must hold a non-negative whole count.");
    }

    static InvalidInputException boundTwice(String key) {
        return new InvalidInputException("bucket bound '" + key + "' appears twice.");
    }

    static String quoted(java.util.List<String> items) {
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < items.size(); i++) {
            out.append(i == 0 ? "'" : ", '").append(items.get(i)).append('\'');
        }
        return out.append(']').toString();
    }
}
