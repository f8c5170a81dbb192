package io.meterline.api;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.RuntimeJsonMappingException;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import io.meterline.core.InvalidInputException;
import io.meterline.core.MetricDefinition;
import io.meterline.core.Point;
import io.meterline.core.PointParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A CSV body (the columns of the raw export, header first) turned into validated points, all of
 * them or none: the first bad record is a 400 {@code row N: …}, counting CSV records from 1 with
 * the header as row 1 (a quoted cell may span lines, so records, not lines).
 */
final class CsvImport {

    private static final ObjectReader ROWS = new CsvMapper().readerFor(String[].class)
            .with(CsvParser.Feature.WRAP_AS_ARRAY);
    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private final PointParser parser;

    CsvImport(PointParser parser) {
        this.parser = parser;
    }

    List<Point> parse(byte[] body, MetricDefinition def) {
        // Spreadsheets often save UTF-8 with a byte-order mark; it is not part of the first column's name.
        int offset = startsWithBom(body) ? UTF8_BOM.length : 0;
        int row = 0;
        try (MappingIterator<String[]> records = ROWS.readValues(body, offset, body.length - offset)) {
            CsvImportColumns columns = null;
            List<Point> points = new ArrayList<>();
            // row is the number of the record hasNext() reads (and may fail on)
            for (row = 1; records.hasNext(); row++) {
                String[] cells = records.next();
                if (cells.length == 0 || cells.length == 1 && cells[0].isEmpty()) {
                    continue; // a blank line
                }
                if (columns == null) {
                    columns = CsvImportColumns.of(cells, def);
                    continue;
                }
                if (cells.length != columns.size()) {
                    throw new InvalidInputException("row " + row + ": " + cells.length + " cells where the header has "
                            + columns.size() + ".");
                }
                try {
                    points.add(parser.parse(columns.point(cells), def));
                } catch (InvalidInputException e) {
                    throw e.at("row " + row);
                }
            }
            if (columns == null) {
                throw new InvalidInputException("The CSV is empty: send a header row and at least one row.");
            }
            if (points.isEmpty()) {
                throw new InvalidInputException("The CSV holds only a header: send at least one row.");
            }
            return points;
        } catch (RuntimeJsonMappingException | IOException e) {
            throw malformed(row, e);
        } catch (RuntimeException e) {
            if (e.getCause() instanceof IOException) { // how MappingIterator passes on a read error
                throw malformed(row, e);
            }
            throw e;
        }
    }

    private static InvalidInputException malformed(int row, Exception e) {
        return new InvalidInputException("row " + row + ": malformed CSV: " + rootMessage(e));
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        String message = t instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage() : t.getMessage();
        return message == null ? t.getClass().getSimpleName() : message;
    }

    private static boolean startsWithBom(byte[] body) {
        return body.length >= 3 && body[0] == UTF8_BOM[0] && body[1] == UTF8_BOM[1] && body[2] == UTF8_BOM[2];
    }
}
