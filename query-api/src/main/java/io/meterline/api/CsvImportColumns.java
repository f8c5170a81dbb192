package io.meterline.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meterline.core.HistogramBuckets;
import io.meterline.core.InvalidInputException;
import io.meterline.core.Json;
import io.meterline.core.MetricDefinition;
import io.meterline.core.MetricType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What each column of an imported CSV means, read from its header (the columns of
 * {@link RawCsvLayout}, in any order), and the turning of one row into the JSON point that
 * {@link io.meterline.core.PointParser} validates, so a CSV row is refused for exactly the
 * reasons a JSON point would be. A header that starts as the export's does ({@code timestamp},
 * then the label keys in order) is read by position there: a label key may be {@code value},
 * {@code timestamp} or {@code sum}, and such an export must import as well as any other.
 */
final class CsvImportColumns {

    /**
     * What a column holds: the timestamp, a label (its key), a bucket (its bound text), or the value.
     * Equal roles are one column named twice.
     */
    private sealed interface Role {
        /** The column's name in the export's header. */
        String column();
    }

    private record Timestamp() implements Role {
        @Override
        public String column() {
            return "timestamp";
        }
    }

    private record Label(String key) implements Role {
        @Override
        public String column() {
            return key;
        }
    }

    private record BucketCount(String bound) implements Role {
        @Override
        public String column() {
            return RawCsvLayout.BUCKET_PREFIX + bound;
        }
    }

    /** A gauge's or an enum's value, a histogram's sum. */
    private record Value(String column) implements Role {
    }

    private final MetricDefinition def;
    private final Role[] roles;

    private CsvImportColumns(MetricDefinition def, Role[] roles) {
        this.def = def;
        this.roles = roles;
    }

    /** Checks the header row; a problem is reported as {@code row 1: …}. */
    static CsvImportColumns of(String[] header, MetricDefinition def) {
        Role[] roles = new Role[header.length];
        Set<Role> seen = new HashSet<>();
        Set<Double> bounds = new HashSet<>();
        int positional = exportPrefix(header, def);
        for (int i = 0; i < header.length; i++) {
            String name = header[i].trim();
            roles[i] = i < positional ? (i == 0 ? new Timestamp() : new Label(name)) : role(name, def, positional > 0);
            if (!seen.add(roles[i])) {
                throw badHeader("column '" + name + "' appears twice.");
            }
            if (roles[i] instanceof BucketCount b) {
                try {
                    if (!bounds.add(HistogramBuckets.parseBound(b.bound()))) {
                        throw badHeader("bound " + b.bound() + " appears twice.");
                    }
                } catch (NumberFormatException e) {
                    throw badHeader("column '" + name + "': the bound must be a number or +Inf.");
                }
            }
        }
        List<Role> required = new ArrayList<>();
        required.add(new Timestamp());
        def.labelKeys().forEach(key -> required.add(new Label(key)));
        if (def.type() != MetricType.HISTOGRAM) {
            required.add(new Value(valueColumn(def)));
        }
        for (Role column : required) {
            if (!seen.contains(column)) {
                throw badHeader("column '" + column.column() + "' is missing; expected " + expected(def) + ".");
            }
        }
        if (def.type() == MetricType.HISTOGRAM && bounds.isEmpty()) {
            throw badHeader("a histogram needs at least one le_<bound> column; expected " + expected(def) + ".");
        }
        return new CsvImportColumns(def, roles);
    }

    /** How many leading columns are the export's {@code timestamp} and label keys, in order; 0 when they aren't. */
    private static int exportPrefix(String[] header, MetricDefinition def) {
        List<String> keys = def.labelKeys();
        if (header.length < keys.size() + 1 || !header[0].trim().equals("timestamp")) {
            return 0;
        }
        for (int k = 0; k < keys.size(); k++) {
            if (!header[k + 1].trim().equals(keys.get(k))) {
                return 0;
            }
        }
        return keys.size() + 1;
    }

    /** A column's role by its name; after the export's leading columns, no name is a label key's any more. */
    private static Role role(String name, MetricDefinition def, boolean labelsRead) {
        if (!labelsRead && def.labelKeys().contains(name)) {
            return new Label(name);
        }
        if (name.equals("timestamp")) {
            return new Timestamp();
        }
        if (def.type() == MetricType.HISTOGRAM && name.startsWith(RawCsvLayout.BUCKET_PREFIX)) {
            return new BucketCount(name.substring(RawCsvLayout.BUCKET_PREFIX.length()));
        }
        if (name.equals(valueColumn(def))) {
            return new Value(name);
        }
        if (def.labelKeys().contains(name)) { // a label key after the export's leading columns named them all
            throw badHeader("column '" + name + "' appears twice.");
        }
        throw badHeader("unknown column '" + name + "'; expected " + expected(def) + ".");
    }

    int size() {
        return roles.length;
    }

    /** One row as a JSON point; an empty cell is an absent field (an empty label stays, and is refused). */
    ObjectNode point(String[] cells) {
        ObjectNode point = Json.MAPPER.createObjectNode();
        ObjectNode labels = point.putObject("labels");
        ObjectNode buckets = def.type() == MetricType.HISTOGRAM ? point.putObject("buckets") : null;
        for (int i = 0; i < roles.length; i++) {
            String cell = cells[i];
            if (roles[i] instanceof Label label) {
                labels.put(label.key(), CsvCells.restore(cell));
            } else if (cell.isEmpty()) {
                continue;
            } else if (roles[i] instanceof Timestamp) {
                point.put("timestamp", CsvCells.restore(cell));
            } else if (def.type() == MetricType.ENUM) {
                point.put("value", CsvCells.restore(cell));
            } else if (roles[i] instanceof BucketCount b) {
                putNumber(buckets, b.bound(), cell);
            } else {
                putNumber(point, "value", cell); // a gauge's value, a histogram's sum
            }
        }
        return point;
    }

    /** A number cell as a JSON number when it is one (strictly: no NaN, no 1d), else as text for the parser to refuse. */
    private static void putNumber(ObjectNode node, String field, String cell) {
        String text = cell.trim();
        try {
            node.put(field, Long.parseLong(text)); // counts must stay whole numbers
            return;
        } catch (NumberFormatException notWhole) {
            // a decimal, or not a number
        }
        try {
            new BigDecimal(text); // the strict syntax: no NaN, Infinity or 1d
            node.put(field, Double.parseDouble(text)); // and the very double the export wrote, -0.0 too
        } catch (NumberFormatException notANumber) {
            node.put(field, cell);
        }
    }

    private static String valueColumn(MetricDefinition def) {
        return def.type() == MetricType.HISTOGRAM ? "sum" : "value";
    }

    private static String expected(MetricDefinition def) {
        return String.join(",", new RawCsvLayout(def, def.buckets() == null ? List.of(10.0, Double.POSITIVE_INFINITY)
                : def.buckets()).header());
    }

    private static InvalidInputException badHeader(String message) {
        return new InvalidInputException("row 1: " + message);
    }
}
