package io.meterline.api;

import com.fasterxml.jackson.core.JacksonException;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.meterline.core.Ingestion;
import io.meterline.core.InvalidInputException;
import io.meterline.core.JsonErrors;
import io.meterline.core.UnavailableException;
import java.util.Map;
import org.eclipse.jetty.http.BadMessageException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one place where exceptions become {@code {"error": …}} answers. */
final class ErrorMapping {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorMapping.class);
    static final String RETRY_AFTER_SECONDS = "5";

    private ErrorMapping() {
    }

    static void install(JavalinConfig config) {
        config.routes.exception(ApiException.class, (e, ctx) -> error(ctx, e.status(), e.getMessage()));
        config.routes.exception(InvalidInputException.class, (e, ctx) -> error(ctx, 400, e.getMessage()));
        config.routes.exception(Ingestion.AlreadyExistsException.class, (e, ctx) -> error(ctx, 409, e.getMessage()));
        config.routes.exception(JacksonException.class, (e, ctx) ->
                error(ctx, 400, "Malformed JSON: " + JsonErrors.reason(e) + "."));
        config.routes.exception(UnavailableException.class, (e, ctx) -> {
            LOG.warn("answering 503: {}", e.getMessage(), e.getCause());
            ctx.header("Retry-After", RETRY_AFTER_SECONDS);
            error(ctx, 503, e.getMessage());
        });
        config.routes.exception(HttpResponseException.class, (e, ctx) -> {
            String allowed = e.getDetails().get("availableMethods"); // Javalin's, for a 405
            if (e.getStatus() == 405 && allowed != null) {
                ctx.header("Allow", allowed); // RFC 9110: a 405 names the methods the route takes
            }
            error(ctx, e.getStatus(), friendly(e));
        });
        // Jetty's, while a body is read: 408 for one trickled in under the minimum rate (slowloris), 400 for a broken one
        config.routes.exception(BadMessageException.class, (e, ctx) -> error(ctx, e.getCode(), e.getCode() == 408
                ? "The body came too slowly (under 1 KB/s): send it whole, at once."
                : "The request could not be read" + (e.getReason() == null ? "." : ": " + e.getReason() + ".")));
        config.routes.exception(Exception.class, (e, ctx) -> {
            LOG.error("unexpected error on {} {}", ctx.method(), ctx.path(), e);
            error(ctx, 500, "Internal error: the server could not answer this request; it has been logged.");
        });
    }

    private static String friendly(HttpResponseException e) {
        return switch (e.getStatus()) {
            case 404 -> "No such route: " + e.getMessage().replace("Endpoint ", "").replace(" not found", "") + ".";
            case 405 -> "This route does not take this method.";
            case 413 -> "The body is larger than the configured limit: send it in smaller batches.";
            default -> e.getMessage();
        };
    }

    static void error(Context ctx, int status, String message) {
        ctx.status(status).json(Map.of("error", message));
    }
}
