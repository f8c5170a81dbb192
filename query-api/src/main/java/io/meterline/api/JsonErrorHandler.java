package io.meterline.api;

import io.meterline.core.Json;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty answers some requests itself, before any route sees them (a path with {@code %00} or an
 * ambiguous {@code %2e%2e} segment, a malformed request line): those answers get the contract's
 * {@code {"error": …}} shape too, instead of Jetty's HTML page.
 */
final class JsonErrorHandler extends ErrorHandler {

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) throws IOException {
        String sentence = code == 400
                ? "The request could not be read" + (message == null ? "" : ": " + message) + "."
                : message == null ? "The server could not answer this request." : message;
        byte[] body = Json.MAPPER.writeValueAsBytes(Map.of("error", sentence));
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, ByteBuffer.wrap(body), callback);
    }
}
