package io.meterline.api;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.meterline.core.InvalidInputException;
import io.meterline.core.Json;
import io.meterline.core.JsonErrors;
import java.io.IOException;

/**
 * A JSON batch that Jackson can't read, named by the point the fault lies in: api.md names the
 * first bad point of a batch ({@code point [3]: …}), and a duplicate field or a stray character
 * inside one point is that point's fault, not the body's. A fault between or around the points
 * (a missing comma, a cut-off body) stays a plain malformed-JSON answer (ErrorMapping).
 */
final class BatchFault {

    private BatchFault() {
    }

    /** The 400 naming the point that {@code fault}, Jackson's error reading the batch, lies in; null outside any point. */
    static InvalidInputException inPoint(byte[] bytes, JacksonException fault) {
        int point = pointAtFault(bytes);
        return point < 0 ? null
                : new InvalidInputException("point [" + point + "]: malformed JSON: " + JsonErrors.reason(fault) + ".");
    }

    /** The 0-based index of the point inside which a streaming read of the array fails; -1 outside any. */
    static int pointAtFault(byte[] bytes) {
        int index = -1;
        boolean inside = false;
        try (JsonParser parser = Json.MAPPER.createParser(bytes)) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                return -1;
            }
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                index++;
                inside = true;
                parser.skipChildren(); // reads the point's tokens: a duplicate field fails here
                inside = false;
            }
            return -1;
        } catch (IOException e) {
            return inside ? index : -1;
        }
    }
}
