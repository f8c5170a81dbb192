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
 * reasons a JSON point would be.
 */
final class CsvImportColumns {

    private final MetricDefinition def;
    private final String[] names;

    private CsvImportColumns(MetricDefinition def, String[] names) {
        this.def = def;
        this.names = names;
    }

    /** Checks the header row; a problem is reported as {@code row 1: …}. */
    static CsvImportColumns of(String[] header, MetricDefinition def) {
        String[] names = new String[header.length];
        Set<String> seen = new HashSet<>();
        Set<Double> bounds = new HashSet<>();
        for (int i = 0; i < header.length; i++) {
            String name = header[i].trim();
            names[i] = name;
            if (!seen.add(name)) {
                throw badHeader("column '" + name + "' appears twice.");
            }
            if (def.type() == MetricType.HISTOGRAM && name.startsWith(RawCsvLayout.BUCKET_PREFIX)) {
                String bound = name.substring(RawCsvLayout.BUCKET_PREFIX.length());
                try {
                    if (!bounds.add(HistogramBuckets.parseBound(bound))) {
                        throw badHeader("bound " + bound + " appears twice.");
                    }
                } catch (NumberFormatException e) {
                    throw badHeader("column '" + name + "': the bound must be a number or +Inf.");
                }
            } else if (!name.equals("timestamp") && !def.labelKeys().contains(name) && !name.equals(valueColumn(def))) {
                throw badHeader("unknown column '" + name + "'; expected " + expected(def) + ".");
            }
        }
        List<String> required = new ArrayList<>(def.labelKeys());
        required.add(0, "timestamp");
        if (def.type() != MetricType.HISTOGRAM) {
            required.add("value");
        }
        for (String column : required) {
            if (!seen.contains(column)) {
                throw badHeader("column '" + column + "' is missing; expected " + expected(def) + ".");
            }
        }
        if (def.type() == MetricType.HISTOGRAM && bounds.isEmpty()) {
            throw badHeader("a histogram needs at least one le_<bound> column; expected " + expected(def) + ".");
        }
        return new CsvImportColumns(def, names);
    }

    int size() {
        return names.length;
    }

    /** One row as a JSON point; an empty cell is an absent field (an empty label stays, and is refused). */
    ObjectNode point(String[] cells) {
        ObjectNode point = Json.MAPPER.createObjectNode();
        ObjectNode labels = point.putObject("labels");
        ObjectNode buckets = def.type() == MetricType.HISTOGRAM ? point.putObject("buckets") : null;
        for (int i = 0; i < names.length; i++) {
            String name = names[i];
            String cell = cells[i];
            if (def.labelKeys().contains(name)) {
                labels.put(name, CsvCells.restore(cell));
            } else if (cell.isEmpty()) {
                continue;
            } else if (name.equals("timestamp")) {
                point.put("timestamp", CsvCells.restore(cell));
            } else if (def.type() == MetricType.ENUM) {
                point.put("value", CsvCells.restore(cell));
            } else if (buckets != null && name.startsWith(RawCsvLayout.BUCKET_PREFIX)) {
                putNumber(buckets, name.substring(RawCsvLayout.BUCKET_PREFIX.length()), cell);
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
            node.put(field, new BigDecimal(text).doubleValue());
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
