package io.meterline.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads a definition a client posts (validating it) and writes a definition as the API shows it. */
public final class DefinitionJson {

    private static final Pattern NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    /** Query parameter names cannot be label keys: a filter {@code step=…} would be ambiguous. */
    public static final Set<String> RESERVED_KEYS =
            Set.of("start_time", "end_time", "step", "agg", "max_points", "group_by", "limit", "format");

    private DefinitionJson() {
    }

    public static ObjectNode toJson(MetricDefinition def) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("name", def.name());
        node.put("type", def.type().wireName());
        ArrayNode keys = node.putArray("label_keys");
        def.labelKeys().forEach(keys::add);
        node.put("created_at", TimeParser.format(def.createdAt()));
        node.put("description", def.description());
        node.put("unit", def.unit());
        if (def.states() != null) {
            ArrayNode states = node.putArray("states");
            def.states().forEach(states::add);
        }
        if (def.buckets() != null) {
            ArrayNode buckets = node.putArray("buckets");
            for (double b : def.buckets()) {
                if (b == Double.POSITIVE_INFINITY) {
                    buckets.add("+Inf");
                } else {
                    buckets.add(b);
                }
            }
        }
        return node;
    }

    /** Reads a stored definition (the registry topic) or a posted one; {@code created_at} from the clock when absent. */
    public static MetricDefinition parse(JsonNode node, Clock clock) {
        if (node == null || !node.isObject()) {
            throw new InvalidInputException("a metric definition must be a JSON object.");
        }
        String name = text(node, "name", true);
        if (!NAME.matcher(name).matches() || name.length() > 128) {
            throw new InvalidInputException("name must match [a-zA-Z_][a-zA-Z0-9_]* and be at most 128 characters.");
        }
        String typeText = text(node, "type", true);
        MetricType type = MetricType.fromWireName(typeText).orElseThrow(() ->
                new InvalidInputException("type must be one of 'gauge', 'enum', 'histogram'."));
        List<String> labelKeys = labelKeys(node.get("label_keys"));
        var createdAt = node.hasNonNull("created_at")
                ? TimeParser.parse(text(node, "created_at", true)) : clock.instant();
        List<String> states = type == MetricType.ENUM ? states(node.get("states")) : absent(node, "states", type);
        List<Double> buckets = type == MetricType.HISTOGRAM ? buckets(node.get("buckets")) : absent(node, "buckets", type);
        return new MetricDefinition(name, type, labelKeys, createdAt,
                text(node, "description", false), text(node, "unit", false), states, buckets);
    }

    private static <T> List<T> absent(JsonNode node, String field, MetricType type) {
        if (node.hasNonNull(field)) {
            throw new InvalidInputException("'" + field + "' does not apply to a " + type.wireName() + " metric.");
        }
        return null;
    }

    private static String text(JsonNode node, String field, boolean required) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                throw new InvalidInputException("'" + field + "' is required.");
            }
            return "";
        }
        if (!value.isTextual()) {
            throw new InvalidInputException("'" + field + "' must be a string.");
        }
        return value.textValue();
    }

    /** Labels per point are bounded by the definition: every point carries exactly its keys. */
    static final int MAX_LABEL_KEYS = 32;

    private static List<String> labelKeys(JsonNode node) {
        if (node == null || node.isNull()) {
            throw new InvalidInputException("'label_keys' is required (an array of names, may be empty).");
        }
        List<String> keys = stringArray(node, "label_keys");
        if (keys.size() > MAX_LABEL_KEYS) {
            throw new InvalidInputException("a metric has at most " + MAX_LABEL_KEYS + " label keys, not " + keys.size() + ".");
        }
        Set<String> seen = new HashSet<>();
        for (String key : keys) {
            if (!NAME.matcher(key).matches() || key.length() > 128) {
                throw new InvalidInputException("label key '" + key + "' must match [a-zA-Z_][a-zA-Z0-9_]* and be at most 128 characters.");
            }
            if (RESERVED_KEYS.contains(key)) {
                throw new InvalidInputException("label key '" + key + "' is a query parameter name and cannot be a label key.");
            }
            if (!seen.add(key)) {
                throw new InvalidInputException("label key '" + key + "' appears twice.");
            }
        }
        return keys;
    }

    private static List<String> states(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        List<String> states = stringArray(node, "states");
        if (states.isEmpty() || states.stream().anyMatch(String::isEmpty) || new HashSet<>(states).size() != states.size()) {
            throw new InvalidInputException("'states' must be a non-empty array of distinct non-empty strings.");
        }
        return states;
    }

    private static List<Double> buckets(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isArray() || node.isEmpty()) {
            throw new InvalidInputException("'buckets' must be a non-empty array of ascending upper bounds.");
        }
        List<Double> bounds = new ArrayList<>();
        for (JsonNode b : node) {
            double bound;
            if (b.isNumber() && Double.isFinite(b.doubleValue())) {
                bound = b.doubleValue();
            } else if (b.isTextual()) {
                try {
                    bound = HistogramBuckets.parseBound(b.textValue());
                } catch (NumberFormatException e) {
                    throw new InvalidInputException("bucket bound '" + b.textValue() + "' must be a number or +Inf.");
                }
            } else {
                throw new InvalidInputException("'buckets' must hold numbers (or \"+Inf\").");
            }
            if (!bounds.isEmpty() && bound <= bounds.get(bounds.size() - 1)) {
                throw new InvalidInputException("'buckets' must be strictly ascending.");
            }
            bounds.add(bound);
        }
        return bounds;
    }

    private static List<String> stringArray(JsonNode node, String field) {
        if (!node.isArray()) {
            throw new InvalidInputException("'" + field + "' must be an array of strings.");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode item : node) {
            if (!item.isTextual()) {
                throw new InvalidInputException("'" + field + "' must be an array of strings.");
            }
            out.add(item.textValue());
        }
        return out;
    }
}
