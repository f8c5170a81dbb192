package io.meterline.api;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads request bodies within the size limit, and sorts them by content type. A body may come
 * gzip-compressed ({@code Content-Encoding: gzip}, as bulk loaders send NDJSON): the limit then
 * holds for the inflated bytes, so a small bomb of zeros is a 413, not the heap's end.
 */
final class Bodies {

    enum Kind { JSON, NDJSON, CSV, OTHER }

    private Bodies() {
    }

    static Kind kind(Context ctx) {
        String type = ctx.contentType();
        if (type == null) {
            return Kind.JSON;
        }
        String t = type.toLowerCase(Locale.ROOT);
        int semicolon = t.indexOf(';');
        t = (semicolon < 0 ? t : t.substring(0, semicolon)).trim();
        return switch (t) {
            // curl -d sends form-urlencoded unless told otherwise: take it as the JSON it almost always is
            case "application/json", "text/json", "application/x-www-form-urlencoded", "text/plain", "" -> Kind.JSON;
            case "application/x-ndjson", "application/jsonl", "application/json-seq", "application/jsonlines" -> Kind.NDJSON;
            case "text/csv" -> Kind.CSV;
            default -> Kind.OTHER;
        };
    }

    static byte[] read(Context ctx, long limit) {
        long declared = ctx.contentLength();
        if (declared > limit) {
            throw ApiException.tooLarge(limit);
        }
        try (InputStream in = decoded(ctx)) {
            byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
            if (body.length > limit) {
                throw ApiException.tooLarge(limit);
            }
            if (body.length == 0) {
                throw ApiException.badRequest("The body is empty: send a point or a batch of points.");
            }
            return body;
        } catch (ZipException | java.io.EOFException e) {
            throw ApiException.badRequest("The body is not valid gzip (" + e.getMessage() + "): compress it whole, or "
                    + "send it uncompressed without Content-Encoding.");
        } catch (IOException e) {
            throw ApiException.badRequest("The body could not be read: " + e.getMessage());
        }
    }

    private static InputStream decoded(Context ctx) throws IOException {
        String encoding = ctx.header("Content-Encoding");
        String e = encoding == null ? "identity" : encoding.trim().toLowerCase(Locale.ROOT);
        return switch (e) {
            case "identity", "" -> ctx.bodyInputStream();
            case "gzip", "x-gzip" -> new GZIPInputStream(ctx.bodyInputStream());
            default -> throw ApiException.unsupportedMediaType("Content-Encoding '" + encoding
                    + "' is not taken: send the body gzip-compressed or uncompressed.");
        };
    }
}
