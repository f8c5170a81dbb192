package io.meterline.api;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * Writes CSV rows through Jackson's generator, which does the RFC 4180 quoting (quotes doubled,
 * cells with a comma, quote or line break quoted); rows end with CRLF as RFC 4180 asks. Text cells
 * go through {@link CsvCells#neutralise}, numbers don't. Not thread-safe; one per response.
 */
final class CsvRowWriter implements Closeable {

    // STRICT_CHECK_FOR_QUOTING: without it Jackson quotes every cell longer than 24 characters,
    // timestamps included; with it only cells that need quotes get them.
    // USE_FAST_DOUBLE_WRITER: Schubfach instead of Double.toString, the costliest part of a gauge
    // row; it still writes the shortest text that reads back as the same double.
    private static final CsvMapper MAPPER = CsvMapper.builder()
            .enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING)
            .enable(com.fasterxml.jackson.core.StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
            .build();
    private static final CsvSchema ROWS = CsvSchema.emptySchema().withLineSeparator("\r\n");

    private final CsvGenerator generator;

    CsvRowWriter(OutputStream out) throws IOException {
        this.generator = (CsvGenerator) MAPPER.getFactory().createGenerator(out, JsonEncoding.UTF8);
        generator.setSchema(ROWS);
    }

    void header(List<String> columns) throws IOException {
        generator.writeStartArray();
        for (String column : columns) {
            generator.writeString(column);
        }
        generator.writeEndArray();
    }

    CsvRowWriter start() throws IOException {
        generator.writeStartArray();
        return this;
    }

    CsvRowWriter text(String value) throws IOException {
        generator.writeString(CsvCells.neutralise(value));
        return this;
    }

    /** A text cell that has been through {@link CsvCells#neutralise} already (cached per series). */
    CsvRowWriter neutralised(String value) throws IOException {
        generator.writeString(value);
        return this;
    }

    CsvRowWriter number(double value) throws IOException {
        generator.writeNumber(value);
        return this;
    }

    CsvRowWriter number(long value) throws IOException {
        generator.writeNumber(value);
        return this;
    }

    /** An empty cell. Jackson drops a writeNull() inside a schema-less array row, so write "". */
    CsvRowWriter empty() throws IOException {
        generator.writeString("");
        return this;
    }

    void end() throws IOException {
        generator.writeEndArray();
    }

    @Override
    public void close() throws IOException {
        generator.close();
    }
}
