package io.meterline.api;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.io.NumberOutput;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.meterline.core.ShortDecimal;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes CSV rows as UTF-8 bytes. Jackson's CSV generator does the RFC 4180 quoting (quotes doubled,
 * cells with a comma, quote or line break quoted) of each text cell; the bytes it gives are kept
 * per distinct text, so a cell repeated on millions of rows (a timestamp shared by every series, a
 * series' labels, an enum state) is quoted and encoded once, and a row is then a few array copies
 * and its numbers. Rows end with CRLF as RFC 4180 asks. Text cells go through
 * {@link CsvCells#neutralise}, numbers don't. The bytes are the ones Jackson's generator writes
 * for the same cells (CsvRowWriterTest holds them to it). Not thread-safe; one per response.
 */
final class CsvRowWriter implements Closeable {

    // STRICT_CHECK_FOR_QUOTING: without it Jackson quotes every cell longer than 24 characters,
    // timestamps included; with it only cells that need quotes get them.
    static final CsvMapper MAPPER = CsvMapper.builder()
            .enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING)
            .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
            .build();
    static final CsvSchema ROWS = CsvSchema.emptySchema().withLineSeparator("\r\n");
    private static final byte[] LINE_END = {'\r', '\n'};
    /** A bound on the text cells kept quoted; past it the cache starts again (a new day of timestamps, say). */
    private static final int MAX_CACHED_CELLS = 50_000;

    private final OutputStream out;
    private final byte[] buffer = new byte[64 * 1024];
    private int used;
    private boolean firstCell = true;
    private final Map<String, byte[]> quotedCells = new HashMap<>();
    private final ByteArrayOutputStream quoteBuffer = new ByteArrayOutputStream(64);
    private final CsvGenerator quoter;

    CsvRowWriter(OutputStream out) throws IOException {
        this.out = out;
        this.quoter = (CsvGenerator) MAPPER.getFactory().createGenerator(quoteBuffer, JsonEncoding.UTF8);
        quoter.setSchema(ROWS);
    }

    void header(List<String> columns) throws IOException {
        start();
        for (String column : columns) {
            cells(quoted(column));
        }
        end();
    }

    CsvRowWriter start() {
        firstCell = true;
        return this;
    }

    CsvRowWriter text(String value) throws IOException {
        return cells(quoted(CsvCells.neutralise(value)));
    }

    /**
     * One or more cells as {@link #quoted} gave them (several joined by commas): the layouts keep
     * a series' label cells this way, joined once.
     */
    CsvRowWriter cells(byte[] quotedCells) throws IOException {
        separate();
        put(quotedCells, quotedCells.length);
        return this;
    }

    /** The UTF-8 bytes Jackson writes for this text as one cell, quoted where it must be. */
    byte[] quoted(String text) throws IOException {
        byte[] cell = quotedCells.get(text);
        if (cell == null) {
            quoter.writeStartArray();
            quoter.writeString(text);
            quoter.writeEndArray();
            quoter.flush();
            byte[] row = quoteBuffer.toByteArray();
            quoteBuffer.reset();
            cell = Arrays.copyOf(row, row.length - LINE_END.length);
            if (quotedCells.size() >= MAX_CACHED_CELLS) {
                quotedCells.clear();
            }
            quotedCells.put(text, cell);
        }
        return cell;
    }

    CsvRowWriter number(double value) throws IOException {
        separate();
        if (used + ShortDecimal.MAX_LENGTH > buffer.length) {
            flushBuffer();
        }
        int end = ShortDecimal.write(value, buffer, used);
        if (end < 0) {
            ascii(NumberOutput.toString(value, true)); // Schubfach, as the generator's fast double writer
        } else {
            used = end;
        }
        return this;
    }

    CsvRowWriter number(long value) throws IOException {
        separate();
        ascii(Long.toString(value));
        return this;
    }

    /** An empty cell (what Jackson writes for an empty text). */
    CsvRowWriter empty() throws IOException {
        return cells(quoted(""));
    }

    void end() throws IOException {
        put(LINE_END, LINE_END.length);
    }

    @Override
    public void close() throws IOException {
        flushBuffer();
        out.close();
        quoter.close();
    }

    private void separate() throws IOException {
        if (firstCell) {
            firstCell = false;
        } else {
            if (used == buffer.length) {
                flushBuffer();
            }
            buffer[used++] = ',';
        }
    }

    private void ascii(String text) throws IOException {
        int n = text.length();
        if (used + n > buffer.length) {
            flushBuffer();
        }
        for (int i = 0; i < n; i++) {
            buffer[used++] = (byte) text.charAt(i);
        }
    }

    private void put(byte[] bytes, int length) throws IOException {
        if (used + length > buffer.length) {
            flushBuffer();
            if (length > buffer.length) {
                out.write(bytes, 0, length);
                return;
            }
        }
        System.arraycopy(bytes, 0, buffer, used, length);
        used += length;
    }

    private void flushBuffer() throws IOException {
        out.write(buffer, 0, used);
        used = 0;
    }
}
