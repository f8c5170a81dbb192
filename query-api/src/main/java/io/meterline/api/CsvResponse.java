package io.meterline.api;

import io.javalin.http.Context;
import java.io.IOException;
import java.util.List;

/**
 * A CSV download in the making. Nothing touches the response until the first row (or
 * {@link #finish()}): a query that fails before it still gets a clean {@code {"error": …}}
 * answer instead of a half-written file. A write that fails means the client has gone; it
 * surfaces as {@link ClientGone}, which, thrown inside a storage scan, stops the scan and closes
 * its cursor.
 */
final class CsvResponse {

    /** The client closed the connection (or it broke) while the export was being written. */
    static final class ClientGone extends RuntimeException {
        ClientGone(IOException cause) {
            super("the client closed the connection during a CSV export", cause, false, false);
        }
    }

    private final Context ctx;
    private final String fileName;
    private final List<String> header;
    private CsvRowWriter writer;
    private long rows;

    CsvResponse(Context ctx, String fileName, List<String> header) {
        this.ctx = ctx;
        this.fileName = fileName;
        this.header = List.copyOf(header);
    }

    /** The writer for the next row, opening the response (headers, CSV header row) on first use. */
    CsvRowWriter next() {
        if (writer == null) {
            open();
        }
        rows++;
        return writer;
    }

    boolean opened() {
        return writer != null;
    }

    long rows() {
        return rows;
    }

    /** Ends the download; an export without rows still gets its header row. */
    void finish() {
        if (writer == null) {
            open();
        }
        try {
            writer.close();
        } catch (IOException e) {
            throw new ClientGone(e);
        }
    }

    private void open() {
        ctx.contentType("text/csv; charset=utf-8");
        ctx.header("Content-Disposition", "attachment; filename=\"" + fileName + "\"");
        // Compress from the first byte when the client accepts gzip (Javalin's own stream does the
        // encoding), instead of deciding on the size of whatever happens to be written first.
        ctx.minSizeForCompression(0);
        try {
            writer = new CsvRowWriter(ctx.outputStream()); // buffers itself
            writer.header(header);
        } catch (IOException e) {
            throw new ClientGone(e);
        }
    }

    /** Runs one write of a row, turning an I/O failure into {@link ClientGone}. */
    static void write(IoAction action) {
        try {
            action.run();
        } catch (IOException e) {
            throw new ClientGone(e);
        }
    }

    interface IoAction {
        void run() throws IOException;
    }
}
